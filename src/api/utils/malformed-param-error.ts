import { errorHandler, type MedusaErrorHandlerFunction } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

/** The plugin's routes and their path parameters, in order. */
const ROUTES: Array<[RegExp, string[]]> = [
  [/^\/admin\/klarna\/orders\/([^/]+)(?:\/captures\/([^/]+))?/, ["id", "capture_id"]],
  [/^\/store\/klarna\/payment-sessions\/([^/]+)/, ["id"]],
  [/^\/klarna\/callbacks\/(?:authorization|notification)\/([^/]+)/, ["session_id"]],
]

const decodes = (segment: string) => {
  try {
    decodeURIComponent(segment)
    return true
  } catch {
    return false
  }
}

/**
 * Express cannot decode a path parameter such as `%zz` or `%C0%AF` and hands Medusa a URIError,
 * which Medusa's error handler answers with 500 "unknown error". On the plugin's routes it is
 * the client's mistake: 400 naming the parameter. Every other error, and every other route, goes
 * to Medusa's own handler unchanged. (A store's own `errorHandler` in its middlewares replaces
 * this one, as Medusa uses the last one defined.)
 */
export function malformedParamErrorHandler(): MedusaErrorHandlerFunction {
  const medusa = errorHandler()
  return (err, req, res, next) => medusa(asInvalidParam(err, req.path) ?? err, req, res, next)
}

export function asInvalidParam(err: unknown, path: string): MedusaError | undefined {
  if (!(err instanceof URIError) || (err as { status?: number }).status !== 400) return undefined
  for (const [pattern, names] of ROUTES) {
    const m = pattern.exec(path)
    if (!m) continue
    const name = names.find((_, i) => m[i + 1] !== undefined && !decodes(m[i + 1])) ?? names[0]
    return new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Invalid request: path parameter '${name}' is not valid percent-encoding`
    )
  }
  return undefined
}
