import type { MedusaContainer } from "@medusajs/framework/types"
import { captureFulfillmentWorkflow } from "./capture-fulfillment"
import { runOrderCaptures } from "./run-order-captures"
import type { KlarnaCaptureRecord } from "./types"

/**
 * A fulfillment's capture from start to end: its workflow (intent + one pass), then the order's
 * other open records. The caller's request (the admin's shipment) is answered first: the work
 * starts on the next turn of the event loop.
 */
export async function runFulfillmentCapture(
  container: MedusaContainer,
  fulfillmentId: string
): Promise<KlarnaCaptureRecord | undefined> {
  await new Promise((resolve) => setImmediate(resolve))
  const { result } = await captureFulfillmentWorkflow(container).run({ input: { fulfillment_id: fulfillmentId } })
  if (!result) return undefined
  if (result.claimed) await runOrderCaptures(container, result.record.order_id, { passed: [result.record.id] })
  return result.record
}
