import { klarnaFailureOf, recordedKlarnaFailure, type KlarnaClient, type KlarnaError } from "../../lib/klarna"
import type { OmOrder } from "../../lib/klarna/types"
import { earlyReadHolds } from "./plan/early-read"
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

/**
 * Klarna's order as the capture decides with it: the early read (taken while the intent was
 * written) when it still holds, else a fresh read; and whether the order's other records are
 * settled (the capture that completes the order then takes Klarna's exact remainder).
 */
export async function klarnaStateForCapture(
  client: KlarnaClient,
  records: () => Promise<KlarnaCaptureRecord[]>,
  record: KlarnaCaptureRecord,
  early?: OmOrder
): Promise<{ klarnaOrder: OmOrder; othersSettled: boolean }> {
  const [read, all] = await Promise.all([early ? undefined : client.getOrder(record.klarna_order_id), records()])
  const klarnaOrder =
    read ?? (earlyReadHolds(early!, record.id, all) ? early! : await client.getOrder(record.klarna_order_id))
  const othersSettled = all.every((r) => r.id === record.id || r.status === "succeeded" || r.status === "canceled")
  return { klarnaOrder, othersSettled }
}

/** The capture as Klarna gets it: keyed by the record's idempotency key, its id as `reference`. */
export const postCapture = (
  client: KlarnaClient,
  record: KlarnaCaptureRecord,
  decision: { amount: number; order_lines: KlarnaCaptureRecord["order_lines"] }
) =>
  client.createCapture(
    record.klarna_order_id,
    {
      captured_amount: decision.amount,
      reference: record.id,
      ...(record.description ? { description: record.description.slice(0, 255) } : {}),
      ...(decision.order_lines ? { order_lines: decision.order_lines } : {}),
      ...(record.shipping_info?.length ? { shipping_info: record.shipping_info } : {}),
    },
    { idempotencyKey: record.idempotency_key }
  )
