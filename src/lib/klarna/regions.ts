export type KlarnaRegion = "eu" | "na" | "oc"
export type KlarnaEnvironment = "playground" | "production"

export const KLARNA_REGIONS: readonly KlarnaRegion[] = ["eu", "na", "oc"]
export const KLARNA_ENVIRONMENTS: readonly KlarnaEnvironment[] = ["playground", "production"]

/** Klarna's API hosts per region and environment. KP and OM share the host. */
const HOSTS: Record<KlarnaRegion, Record<KlarnaEnvironment, string>> = {
  eu: { production: "https://api.klarna.com", playground: "https://api.playground.klarna.com" },
  na: { production: "https://api-na.klarna.com", playground: "https://api-na.playground.klarna.com" },
  oc: { production: "https://api-oc.klarna.com", playground: "https://api-oc.playground.klarna.com" },
}

/**
 * The API origin for a region and environment (defaults: eu, playground), or the explicit
 * `baseUrl` (e.g. the emulator), which wins. Returned without a trailing slash.
 * Throws a TypeError naming the option when a value is invalid.
 */
export function resolveBaseUrl(
  o: {
    region?: KlarnaRegion
    environment?: KlarnaEnvironment
    baseUrl?: string
  } = {}
): string {
  if (o.baseUrl !== undefined && o.baseUrl !== null && o.baseUrl !== "") {
    if (typeof o.baseUrl !== "string") {
      throw new TypeError("Klarna option baseUrl must be a string")
    }
    let u: URL
    try {
      u = new URL(o.baseUrl)
    } catch {
      throw new TypeError("Klarna option baseUrl is not a valid URL")
    }
    if (u.protocol !== "http:" && u.protocol !== "https:") {
      throw new TypeError("Klarna option baseUrl must use http or https")
    }
    if (u.username || u.password) {
      // credentials go in username/password, never in a URL that ends up in logs
      throw new TypeError("Klarna option baseUrl must not contain credentials")
    }
    if (u.search || u.hash) {
      throw new TypeError("Klarna option baseUrl must not have a query or fragment")
    }
    return (u.origin + u.pathname).replace(/\/+$/, "")
  }
  const region = o.region ?? "eu"
  const environment = o.environment ?? "playground"
  if (!KLARNA_REGIONS.includes(region)) {
    throw new TypeError(
      `Klarna option region must be one of ${KLARNA_REGIONS.join(", ")} (got ${JSON.stringify(region)})`
    )
  }
  if (!KLARNA_ENVIRONMENTS.includes(environment)) {
    throw new TypeError(
      `Klarna option environment must be one of ${KLARNA_ENVIRONMENTS.join(", ")} (got ${JSON.stringify(environment)})`
    )
  }
  return HOSTS[region][environment]
}
