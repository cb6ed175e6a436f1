import type { MedusaContainer } from "@medusajs/framework/types"
import { reconcileCaptureIntents } from "./reconcile-intents"
import { klarnaModule } from "../../modules/klarna"
import { runOrderCaptures } from "./run-order-captures"
import type { KlarnaCaptureRecord } from "./types"

export interface RetryKlarnaCapturesInput {
  /** one order (the admin's retry route): its failed records too, waiting for one in flight */
  order_id?: string
  actor_id?: string
  /** leave records alone that were tried this many times (the scheduled job; admins can always retry) */
  max_attempts?: number
}

/** How long an admin's retry waits for a capture of the same order that is in flight elsewhere. */
const ADMIN_WAIT_MS = 30_000

/**
 * Sweep, then capture: missing intents are derived from Medusa's fulfillments first, then every
 * open record is captured (pending ones; for one order, failed ones too) with its stored plan and
 * idempotency key. Used by the scheduled job (all orders) and the admin's retry route (one order).
 */
export async function retryKlarnaCaptures(
  container: MedusaContainer,
  input: RetryKlarnaCapturesInput = {}
): Promise<KlarnaCaptureRecord[]> {
  const swept = await reconcileCaptureIntents(container, { order_id: input.order_id })
  const forOneOrder = !!input.order_id
  const open = await klarnaModule(container).listKlarnaCaptures(
    { status: forOneOrder ? ["pending", "failed"] : ["pending"], ...(forOneOrder ? { order_id: input.order_id } : {}) },
    { select: ["order_id"], order: { created_at: "ASC" }, take: 500 }
  )
  const orders = [...new Set([...open.map((r) => r.order_id), ...swept])]
  const results: KlarnaCaptureRecord[] = []
  for (const orderId of orders) {
    results.push(
      ...(await runOrderCaptures(container, orderId, {
        retry_failed: forOneOrder,
        max_attempts: input.max_attempts,
        wait_ms: forOneOrder ? ADMIN_WAIT_MS : 0,
        actor_id: input.actor_id,
      }))
    )
  }
  return results
}
