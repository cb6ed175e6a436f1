import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { isKlarnaError, type KlarnaClient } from "../../../lib/klarna"
import type { OmOrder } from "../../../lib/klarna/types"
import { getKlarnaProvider } from "../../../utils/klarna-provider-lookup"
import { earlyReadHolds } from "../plan/early-read"
import { EXCEEDS_PLAN_ERROR_CODE, finalizeCapture } from "../plan/finalize-capture"
import { klarnaModule } from "../../../modules/klarna"
import { orderCaptureRecords, updateCaptureRecord } from "../record-store"
import { captureError, captureErrorOf, type KlarnaCaptureRecord } from "../types"
import type { GuardedCapture } from "./check-capture-guards"
import type { EarlyKlarnaRead } from "./read-klarna-order-early"

/** A refusal of the plugin's own in Klarna's error shape, so the panel, admin API and MCP show it like Klarna's. */
const exceedsPlanFields = (message: string) => ({
  status: null,
  error_code: EXCEEDS_PLAN_ERROR_CODE,
  error_messages: [message],
  correlation_id: null,
})

export interface SentCapture extends GuardedCapture {
  /** Klarna's order is fully captured with this capture: Medusa then records what remains of the payment */
  completes_klarna_order: boolean
}

/**
 * A record sent before (a crash, a dropped connection: the outcome is unknown) is first looked up
 * at Klarna by its `reference`, so a second capture never depends on Klarna's idempotency window.
 * Returns the capture id when found, and whether Klarna's order is fully captured now.
 */
async function findEarlierCapture(client: KlarnaClient, record: KlarnaCaptureRecord) {
  const capture = record.klarna_capture_id
    ? { capture_id: record.klarna_capture_id }
    : (await client.listCaptures(record.klarna_order_id)).find((c) => c.reference === record.id)
  if (!capture) return undefined
  const order = await client.getOrder(record.klarna_order_id)
  return { capture_id: capture.capture_id, completes: order.captured_amount >= order.order_amount }
}

/**
 * Klarna's order as the capture decides with it: the early read (taken while the intent was
 * written) when it still holds, else a fresh read; and whether the order's other records are
 * settled (the capture that completes the order then takes Klarna's exact remainder).
 */
async function klarnaStateForCapture(
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
const postCapture = (
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

export const sendKlarnaCaptureStepId = "klarna-send-capture"
/**
 * Captures at Klarna once, normally in two calls: Klarna's order (what is still authorized; read
 * while the intent was written when that read still holds), then the capture (its id comes from
 * Klarna's Capture-Id header). The attempt is counted, and the amount and lines sent are stored,
 * before the POST. Klarna's refusals are stored on the record,
 * never thrown: the shipment stays shipped and the record can be retried.
 */
export const sendKlarnaCaptureStep = createStep(
  sendKlarnaCaptureStepId,
  async ({ early_read, ...guarded }: GuardedCapture & { early_read?: EarlyKlarnaRead | null }, { container }) => {
    let record = guarded.record
    const client = getKlarnaProvider(container, record.provider_id).klarnaClient()
    const result = (patch: Partial<KlarnaCaptureRecord>, completes = false) =>
      updateCaptureRecord(container, record.id, patch).then(
        (r) => new StepResponse<SentCapture>({ ...guarded, record: r, completes_klarna_order: completes })
      )
    try {
      const earlier =
        record.attempts > 0 || record.klarna_capture_id ? await findEarlierCapture(client, record) : undefined
      if (earlier) return result({ klarna_capture_id: earlier.capture_id, last_error: null }, earlier.completes)

      if (early_read?.error) {
        const { last_error, retryable } = early_read.error
        return result({ status: retryable ? "pending" : "failed", last_error })
      }
      const { klarnaOrder, othersSettled } = await klarnaStateForCapture(
        client,
        () => orderCaptureRecords(container, record.order_id),
        record,
        early_read?.order
      )
      const decision = finalizeCapture(record, klarnaOrder, othersSettled)
      if (!decision.send) {
        const plugin = decision.reason === "exceeds_plan" ? exceedsPlanFields(decision.message) : {}
        return result({
          status: "failed",
          last_error: captureError(decision.message, {
            reason: decision.reason,
            klarna_status: decision.klarna_status,
            ...plugin,
          }),
        })
      }
      const sameAsPlanned = decision.amount === Number(record.amount) && decision.order_lines === record.order_lines
      record = sameAsPlanned
        ? { ...record, attempts: await klarnaModule(container).countCaptureAttempt(record.id) }
        : await updateCaptureRecord(container, record.id, {
            amount: decision.amount,
            order_lines: decision.order_lines,
            attempts: Number(record.attempts ?? 0) + 1,
          })
      const created = await postCapture(client, record, decision)
      await klarnaModule(container).setKlarnaCaptureId(record.id, created.capture_id)
      return new StepResponse<SentCapture>({
        ...guarded,
        record: { ...record, klarna_capture_id: created.capture_id, last_error: null },
        completes_klarna_order: decision.completes_klarna_order,
      })
    } catch (e) {
      if (!isKlarnaError(e)) throw e
      // unknown or temporary (network, 5xx, 429 after the client's own retries): stays pending
      return result({ status: e.retryable ? "pending" : "failed", last_error: captureErrorOf(e) })
    }
  }
)
