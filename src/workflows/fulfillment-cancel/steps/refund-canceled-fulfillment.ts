import type { MedusaContainer, UpdatePaymentDTO } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { refundPaymentWorkflow, type RefundPaymentWorkflowInput } from "@medusajs/medusa/core-flows"
import { fromMinorUnits } from "../../../lib/amounts"
import { isKlarnaError, klarnaFailureOf, recordedKlarnaFailure } from "../../../lib/klarna"
import { returnNotes, type KlarnaReturnNote } from "../../../providers/klarna/return-refunds"
import type { KlarnaPaymentData } from "../../../providers/klarna/session-data"
import { klarnaModule } from "../../../modules/klarna"
import type { KlarnaCaptureRecord, KlarnaOrderOperationRecord } from "../../../modules/klarna/types"

/** The record key of "this fulfillment was canceled after its capture": one refund per fulfillment. */
export const fulfillmentCanceledKey = (fulfillmentId: string) => `fulfillment-canceled:${fulfillmentId}`

/** Marks the Medusa refund of a canceled fulfillment, so a retry after a crash finds it instead of refunding again. */
const REFUND_METADATA_KEY = "klarna_canceled_fulfillment_id"

async function findOrCreateRecord(container: MedusaContainer, capture: KlarnaCaptureRecord, fulfillmentId: string) {
  const key = fulfillmentCanceledKey(fulfillmentId)
  const find = async () =>
    ((await klarnaModule(container).listKlarnaOrderOperations({ key })) as KlarnaOrderOperationRecord[])[0]
  const existing = await find()
  if (existing) return existing
  try {
    return (await klarnaModule(container).createKlarnaOrderOperations({
      key,
      order_id: capture.order_id,
      provider_id: capture.provider_id,
      klarna_order_id: capture.klarna_order_id,
      operation: "refund",
    })) as KlarnaOrderOperationRecord
  } catch (e) {
    const raced = await find()
    if (raced) return raced
    throw e
  }
}

interface PaymentRead {
  id: string
  data: KlarnaPaymentData
  refunds?: { id: string; metadata?: Record<string, unknown> | null }[] | null
}

async function readPayment(container: MedusaContainer, paymentId: string): Promise<PaymentRead | undefined> {
  const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "payment",
    fields: ["id", "data", "refunds.id", "refunds.metadata"],
    filters: { id: paymentId },
  })
  return data[0] as PaymentRead | undefined
}

export const refundCanceledFulfillmentStepId = "klarna-refund-canceled-fulfillment-step"
/**
 * A fulfillment canceled after its capture (`capture_on: fulfillment`) is refunded: the captured
 * lines are noted on the payment (the provider sends them with the refund, as for a return), then
 * Medusa's own refund workflow records the refund in Medusa and the provider refunds it at Klarna,
 * keyed by Medusa's refund id. Once per fulfillment: the order-operation record (under the
 * workflow's lock), and the refund's metadata naming the fulfillment for a retry after a crash.
 * Klarna's refusal stays on the record (failed, or pending when temporary) for the retry job.
 */
export const refundCanceledFulfillmentStep = createStep(
  refundCanceledFulfillmentStepId,
  async (input: { fulfillment_id: string }, { container }) => {
    const [capture] = (await klarnaModule(container).listKlarnaCaptures({
      source_key: `fulfillment:${input.fulfillment_id}`,
    })) as KlarnaCaptureRecord[]
    if (!capture || capture.status !== "succeeded" || !capture.payment_id) return new StepResponse(null)
    const record = await findOrCreateRecord(container, capture, input.fulfillment_id)
    if (record.status === "succeeded") return new StepResponse(record)
    const attempts = Number(record.attempts ?? 0) + 1
    const update = (patch: Partial<KlarnaOrderOperationRecord>) =>
      klarnaModule(container).updateKlarnaOrderOperations({ id: record.id, attempts, ...patch })

    const payment = await readPayment(container, capture.payment_id)
    if (!payment) return new StepResponse(await update({ status: "failed", last_error: null }))
    const done = (payment.refunds ?? []).some((r) => r.metadata?.[REFUND_METADATA_KEY] === input.fulfillment_id)
    if (done) return new StepResponse(await update({ status: "succeeded", last_error: null }))

    const notes = returnNotes(payment.data)
    if (capture.order_lines?.length && !notes.some((n) => n.return_id === input.fulfillment_id)) {
      const note: KlarnaReturnNote = {
        return_id: input.fulfillment_id,
        subject: `Canceled fulfillment ${input.fulfillment_id}`,
        amount: Number(capture.amount),
        order_lines: capture.order_lines,
        items: Object.fromEntries((capture.items ?? []).map((i) => [i.line_item_id, i.quantity])),
      }
      // UpdatePaymentDTO omits `data`, but the payment module persists it
      await container.resolve(Modules.PAYMENT).updatePayment({
        id: payment.id,
        data: { ...payment.data, klarna_returns: [...notes, note] },
      } as UpdatePaymentDTO)
    }
    try {
      const refund = {
        payment_id: payment.id,
        amount: capture.medusa_amount ?? fromMinorUnits(Number(capture.amount), capture.currency_code),
        note: "Fulfillment canceled after its capture",
        created_by: "klarna-plugin",
        // not in the workflow's input type, but its step hands the input to the payment module, which stores it
        metadata: { [REFUND_METADATA_KEY]: input.fulfillment_id },
      }
      await refundPaymentWorkflow(container).run({ input: refund as RefundPaymentWorkflowInput })
      return new StepResponse(await update({ status: "succeeded", last_error: null }))
    } catch (e) {
      const cause = (e as { cause?: unknown })?.cause ?? e
      const failure = isKlarnaError(cause) ? recordedKlarnaFailure(klarnaFailureOf(cause)) : undefined
      const last_error = {
        ...(failure ?? { status: null, error_code: null, error_messages: [], correlation_id: null }),
        message: failure?.message ?? (e as Error).message,
        at: new Date().toISOString(),
      }
      const retryable = !!failure && isKlarnaError(cause) && cause.retryable
      return new StepResponse(await update({ status: retryable ? "pending" : "failed", last_error }))
    }
  }
)
