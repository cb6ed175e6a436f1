import { randomUUID } from "node:crypto"
import type { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/

/**
 * One admin intent: the client's `Idempotency-Key` header (a retry of the same request reuses
 * it, so Klarna applies the change once), else a fresh uuid (pressing the button again is a new
 * intent). Klarna's key is derived from it with idempotencyKeyFor in the workflow.
 */
export function requestKey(req: AuthenticatedMedusaRequest<unknown>): string {
  const header = req.headers["idempotency-key"]
  if (header === undefined) return randomUUID()
  const value = Array.isArray(header) ? header[0] : header
  if (typeof value !== "string" || !IDEMPOTENCY_KEY.test(value)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "Invalid request: the Idempotency-Key header must be 1 to 255 visible ASCII characters"
    )
  }
  return value
}

/** The admin user acting (attribution). */
export const actorId = (req: AuthenticatedMedusaRequest<unknown>): string | null => req.auth_context?.actor_id ?? null
