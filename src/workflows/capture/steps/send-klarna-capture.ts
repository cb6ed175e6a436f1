import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { isKlarnaError } from "../../../lib/klarna"
import { getKlarnaProvider } from "../../../utils/klarna-provider-lookup"
import { captureErrorOf, findEarlierCapture, klarnaStateForCapture, postCapture } from "../klarna-calls"
import { EXCEEDS_PLAN_ERROR_CODE, finalizeCapture } from "../plan/finalize-capture"
import { klarnaModule, orderCaptureRecords, updateCaptureRecord } from "../record-store"
import { captureError, type KlarnaCaptureRecord } from "../types"
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
 * Captures at Klarna once, normally in two calls: Klarna's order (what is still authorized; read
 * while the intent was written when that read still holds), then the capture (its id comes from
 * Klarna's Capture-Id header). The attempt is counted, and the amount and lines sent are stored,
 * before the POST. Klarna's refusals are stored on the record,
 * never thrown: the shipment stays shipped and the record can be retried.
 */
export const sendKlarnaCaptureStep = createStep(
  "klarna-send-capture",
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
