import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { isKlarnaError, type KlarnaClient } from "../../lib/klarna"
import { describeKlarnaError } from "../../utils/klarna-medusa-error"
import { getKlarnaProvider } from "../../utils/klarna-provider-lookup"
import { loadKlarnaOrderContext } from "../klarna-capture/order-context"
import { updateCaptureRecord } from "../klarna-capture/record-store"
import type { KlarnaCaptureRecord } from "../klarna-capture/types"

async function findPreviousCapture(client: KlarnaClient, record: KlarnaCaptureRecord) {
  const captures = await client.listCaptures(record.klarna_order_id)
  return captures.find((c) => c.reference === record.id)
}

/**
 * Captures at Klarna once: the same idempotency key on every attempt, and after an attempt whose
 * outcome is unknown (crash, dropped connection) it first looks for a capture carrying this
 * record's id as `reference`. Klarna's refusals are stored on the record, never thrown: the
 * shipment stays shipped and the record can be retried.
 */
export const sendKlarnaCaptureStep = createStep(
  "klarna-send-capture",
  async (record: KlarnaCaptureRecord | null, { container }) => {
    if (!record || record.klarna_capture_id || record.status === "succeeded") return new StepResponse(record)
    if (Number(record.amount) === 0) {
      return new StepResponse(await updateCaptureRecord(container, record.id, { status: "succeeded", last_error: null }))
    }
    let paymentId = record.payment_id
    if (!paymentId) {
      const context = await loadKlarnaOrderContext(container, record.order_id)
      paymentId = context?.payment?.id ?? null
      if (!paymentId) {
        const waiting = { message: "Waiting for Klarna's fraud decision before capturing", at: new Date().toISOString() }
        return new StepResponse(await updateCaptureRecord(container, record.id, { last_error: waiting }))
      }
    }
    const client = getKlarnaProvider(container, record.provider_id).klarnaClient()
    const attempts = Number(record.attempts ?? 0) + 1
    try {
      let captureId = record.attempts > 0 ? (await findPreviousCapture(client, record))?.capture_id : undefined
      if (!captureId) {
        const created = await client.createCapture(
          record.klarna_order_id,
          {
            captured_amount: Number(record.amount),
            reference: record.id,
            ...(record.description ? { description: record.description.slice(0, 255) } : {}),
            ...(record.order_lines ? { order_lines: record.order_lines as any } : {}),
            ...(record.shipping_info?.length ? { shipping_info: record.shipping_info } : {}),
          },
          { idempotencyKey: record.idempotency_key }
        )
        captureId = created.capture_id
      }
      const capture = await client.getCapture(record.klarna_order_id, captureId)
      return new StepResponse(
        await updateCaptureRecord(container, record.id, {
          payment_id: paymentId,
          klarna_capture_id: captureId,
          klarna_reference: capture.klarna_reference ?? null,
          attempts,
          last_error: null,
        })
      )
    } catch (e) {
      if (!isKlarnaError(e)) throw e
      const lastError = {
        status: e.status ?? null,
        error_code: e.errorCode ?? null,
        error_messages: e.errorMessages,
        correlation_id: e.correlationId ?? null,
        message: describeKlarnaError(e),
        at: new Date().toISOString(),
      }
      // still unknown or temporary (network, 5xx, 429 after the client's own retries): stays pending
      const status = e.retryable ? "pending" : "failed"
      return new StepResponse(await updateCaptureRecord(container, record.id, { payment_id: paymentId, status, attempts, last_error: lastError }))
    }
  }
)
