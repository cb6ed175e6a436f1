import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { idempotencyKeyFor, isKlarnaError, klarnaFailureOf, recordedKlarnaFailure } from "../../../lib/klarna"
import { KLARNA_PAYMENT_FIELDS, klarnaPaymentOf, type OrderWithPayments } from "../../../utils/klarna-order-ref"
import { getKlarnaProvider } from "../../../utils/klarna-provider-lookup"
import { klarnaModule } from "../../../modules/klarna"
import type { KlarnaOrderOperationRecord } from "../../../modules/klarna/types"

/** The record key of "this order's references were sent to Klarna": one per Medusa order. */
export const merchantReferencesKey = (orderId: string) => `merchant-references:${orderId}`

async function findRecord(container: MedusaContainer, key: string) {
  const [record] = await klarnaModule(container).listKlarnaOrderOperations({ key })
  return record as KlarnaOrderOperationRecord | undefined
}

async function findOrCreateRecord(
  container: MedusaContainer,
  orderId: string,
  provider_id: string,
  klarna_order_id: string
) {
  const key = merchantReferencesKey(orderId)
  const existing = await findRecord(container, key)
  if (existing) return existing
  try {
    return (await klarnaModule(container).createKlarnaOrderOperations({
      key,
      order_id: orderId,
      provider_id,
      klarna_order_id,
      operation: "merchant_references",
    })) as KlarnaOrderOperationRecord
  } catch (e) {
    // a concurrent delivery of the event created it first
    const raced = await findRecord(container, key)
    if (raced) return raced
    throw e
  }
}

export const setKlarnaMerchantReferencesStepId = "klarna-set-merchant-references-step"
/**
 * Klarna's order is created at authorization, before the Medusa order exists, so it starts with the
 * cart id and the payment session id as its references. Once the order is placed, Klarna is told
 * the shop's order number (`merchant_reference1` = display id) and the Medusa order id
 * (`merchant_reference2`), which merchants, Klarna support and settlement reports look orders up by.
 * Once per order (record keyed by the order, Klarna call keyed by both ids); a refusal stays on the
 * record (failed, or pending when temporary) for the order-operations retry job.
 */
export const setKlarnaMerchantReferencesStep = createStep(
  setKlarnaMerchantReferencesStepId,
  async (input: { order_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order",
      fields: [...KLARNA_PAYMENT_FIELDS, "display_id"],
      filters: { id: input.order_id },
    })
    const order = data[0] as (OrderWithPayments & { display_id?: number | string | null }) | undefined
    const klarna = order && klarnaPaymentOf(order)
    if (!order || !klarna) return new StepResponse(null)
    const record = await findOrCreateRecord(container, order.id, klarna.provider_id, klarna.klarna_order_id)
    if (record.status === "succeeded") return new StepResponse(record)
    const attempts = Number(record.attempts ?? 0) + 1
    const update = (patch: Partial<KlarnaOrderOperationRecord>) =>
      klarnaModule(container).updateKlarnaOrderOperations({ id: record.id, attempts, ...patch })
    try {
      await getKlarnaProvider(container, klarna.provider_id)
        .klarnaClient()
        .updateMerchantReferences(
          klarna.klarna_order_id,
          { merchant_reference1: String(order.display_id ?? order.id), merchant_reference2: order.id },
          { idempotencyKey: idempotencyKeyFor(`${klarna.klarna_order_id}:${order.id}`, "merchant-references") }
        )
      return new StepResponse(await update({ status: "succeeded", last_error: null }))
    } catch (e) {
      if (!isKlarnaError(e)) throw e
      const last_error = { ...recordedKlarnaFailure(klarnaFailureOf(e)), at: new Date().toISOString() }
      return new StepResponse(await update({ status: e.retryable ? "pending" : "failed", last_error }))
    }
  }
)
