/**
 * Secret scrubbing for everything the client lets out: error messages, log entries.
 * Defence in depth: the client never puts credentials into these in the first place.
 */

export const REDACTED = "[REDACTED]"

const SENSITIVE_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie)$/i
const BASIC_OR_BEARER = /\b(Basic|Bearer)\s+[A-Za-z0-9+/=._~-]+/gi

/** A function that replaces each given secret (and its Basic-auth encoding) with [REDACTED]. */
export type Redactor = (text: string) => string

export function basicAuthHeader(username: string, password: string): string {
  return "Basic " + Buffer.from(`${username}:${password}`, "utf8").toString("base64")
}

export function makeRedactor(username: string, password: string): Redactor {
  const secrets: string[] = []
  if (password) {
    secrets.push(password, encodeURIComponent(password))
    secrets.push(Buffer.from(`${username}:${password}`, "utf8").toString("base64"))
  }
  // longest first, so a secret containing another is replaced whole
  const unique = [...new Set(secrets)].filter(Boolean).sort((a, b) => b.length - a.length)
  return (text: string): string => {
    if (typeof text !== "string" || text.length === 0) {
      return text
    }
    let out = text.replace(BASIC_OR_BEARER, `$1 ${REDACTED}`)
    for (const s of unique) {
      if (out.includes(s)) {
        out = out.split(s).join(REDACTED)
      }
    }
    return out
  }
}

/** Strips user:password@ from a URL string; leaves anything unparseable as is, minus userinfo. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@?#]*@/i, "$1")
}

/**
 * KP puts the authorization token in the path (/payments/v1/authorizations/{token}/...).
 * It is a single-use bearer for creating the order: log only its first 6 characters.
 */
export function redactPath(path: string): string {
  return path.replace(
    /(\/authorizations\/)([^/?#]+)/,
    (_m, pre: string, tok: string) => pre + (tok.length > 6 ? tok.slice(0, 6) + "…" : "…")
  )
}

/** A shallow copy of headers with credentials replaced. */
export function redactHeaders(headers: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (!headers) {
    return out
  }
  for (const [k, v] of Object.entries(headers)) {
    out[k] = SENSITIVE_HEADER.test(k) ? REDACTED : v
  }
  return out
}
