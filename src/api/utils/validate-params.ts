import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { klarnaIdProblem, medusaIdProblem } from "./input-rules"

export type ParamKind = "medusa_id" | "klarna_id"

/**
 * Route parameters are not covered by validateAndTransformBody: this middleware checks each named
 * path parameter (already URL-decoded by Express, so `%00`, `%2F`, `%2e%2e` arrive as NUL, `/`,
 * `..`) and answers 400 naming it before the route runs, so a bad id never reaches a query or Klarna.
 */
export function validateParams(rules: Record<string, ParamKind>) {
  const entries = Object.entries(rules)
  return function validateRouteParams(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
    for (const [name, kind] of entries) {
      const value = req.params?.[name]
      const problem = kind === "medusa_id" ? medusaIdProblem(value) : klarnaIdProblem(value)
      if (problem) {
        return next(
          new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid request: path parameter '${name}' ${problem}`)
        )
      }
    }
    next()
  }
}
