import { klarnaFailureOf, recordedKlarnaFailure, type KlarnaClient, type KlarnaError } from "../../lib/klarna"
import { captureError, type CaptureError, type KlarnaCaptureRecord } from "./types"

/**
 * A record sent before (a crash, a dropped connection: the outcome is unknown) is first looked up
 * at Klarna by its `reference`, so a second capture never depends on Klarna's idempotency window.
 * Returns the capture id when found, and whether Klarna's order is fully captured now.
 */
export async function findEarlierCapture(client: KlarnaClient, record: KlarnaCaptureRecord) {
  const capture = record.klarna_capture_id
    ? { capture_id: record.klarna_capture_id }
    : (await client.listCaptures(record.klarna_order_id)).find((c) => c.reference === record.id)
  if (!capture) return undefined
  const order = await client.getOrder(record.klarna_order_id)
  return { capture_id: capture.capture_id, completes: order.captured_amount >= order.order_amount }
}

/** Klarna's answer as the record keeps it: what an admin needs to act, or to give Klarna support. */
export const captureErrorOf = (e: KlarnaError): CaptureError => {
  const { message, ...failure } = recordedKlarnaFailure(klarnaFailureOf(e))
  return captureError(message, failure)
}
