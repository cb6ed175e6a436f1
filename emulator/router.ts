import type { Params } from "./http"

interface Route<H> {
  method: string
  segments: string[]
  handler: H
}

export type RouteMatch<H> =
  { kind: "found"; handler: H; params: Params } | { kind: "method_not_allowed" } | { kind: "not_found" }

/** Path patterns like `/orders/:order_id/captures`; `:name` matches one non-empty segment. */
export class Router<H> {
  private readonly routes: Route<H>[] = []

  add(method: string, pattern: string, handler: H): this {
    this.routes.push({ method, segments: pattern.split("/"), handler })
    return this
  }

  match(method: string, path: string): RouteMatch<H> {
    const segments = path.split("/")
    let pathMatched = false
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments)
      if (!params) continue
      pathMatched = true
      if (route.method === method) return { kind: "found", handler: route.handler, params }
    }
    return pathMatched ? { kind: "method_not_allowed" } : { kind: "not_found" }
  }
}

function matchSegments(pattern: string[], actual: string[]): Params | null {
  if (pattern.length !== actual.length) return null
  const params: Params = {}
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i].startsWith(":")) {
      if (!actual[i]) return null
      params[pattern[i].slice(1)] = safeDecode(actual[i])
    } else if (pattern[i] !== actual[i]) {
      return null
    }
  }
  return params
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
