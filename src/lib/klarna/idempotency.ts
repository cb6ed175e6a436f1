import { v5 as uuidv5 } from "uuid"

/**
 * Fixed namespace of this plugin for UUID v5 idempotency keys. NEVER change it: keys derived
 * before and after a deploy must match, or a retry after a crash would capture twice.
 */
export const KLARNA_IDEMPOTENCY_NAMESPACE = "4f0d6a1e-7c53-4b8e-9a51-2f6c3d8b7e10"

/**
 * Deterministic `Klarna-Idempotency-Key` for an operation on a stable id (e.g. a fulfillment
 * id): the same input always gives the same key, so a retry after a crash reuses it.
 * `purpose` separates operations on the same id ("capture" vs "shipping-info"): it selects
 * a sub-namespace, so ("a:b", "c") and ("a", "b:c") can never collide.
 */
export function idempotencyKeyFor(stableId: string, purpose?: string): string {
  if (typeof stableId !== "string" || stableId.length === 0) {
    throw new TypeError("idempotencyKeyFor: stableId must be a non-empty string")
  }
  if (purpose === undefined) {
    return uuidv5(stableId, KLARNA_IDEMPOTENCY_NAMESPACE)
  }
  if (typeof purpose !== "string" || purpose.length === 0) {
    throw new TypeError("idempotencyKeyFor: purpose must be a non-empty string when given")
  }
  return uuidv5(stableId, uuidv5(purpose, KLARNA_IDEMPOTENCY_NAMESPACE))
}
