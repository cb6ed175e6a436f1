import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { idempotencyKeyFor } from "../../lib/klarna"
import { getKlarnaProvider } from "../../utils/klarna-provider-lookup"
import { loadKlarnaOrderContext } from "../klarna-capture/order-context"
import { planCapture } from "../klarna-capture/plan"
import { findCaptureRecord, klarnaModule } from "../klarna-capture/record-store"
import type { CaptureKlarnaInput, KlarnaCaptureRecord } from "../klarna-capture/types"

/**
 * Returns the capture record for `source_key`, creating it (status pending) with its plan: amount,
 * lines, shipping info and idempotency key are fixed here, so every retry sends the same request.
 * Null when the order isn't paid with Klarna.
 */
export const prepareKlarnaCaptureStep = createStep(
  "klarna-prepare-capture",
  async (input: CaptureKlarnaInput, { container }) => {
    const existing = await findCaptureRecord(container, input.source_key)
    if (existing) return new StepResponse(existing)
    const context = await loadKlarnaOrderContext(container, input.order_id)
    if (!context) return new StepResponse(null as KlarnaCaptureRecord | null)

    const provider = getKlarnaProvider(container, context.provider_id)
    // a KlarnaError propagates as is: routes map it with Klarna's code and correlation id
    const klarnaOrder = await provider.klarnaClient().getOrder(context.klarna_order_id)
    const module = klarnaModule(container)
    const others = (await module.listKlarnaCaptures({ order_id: input.order_id })) as unknown as KlarnaCaptureRecord[]
    const plan = planCapture({ order: context.order, klarnaOrder, others, input, productUrlBase: provider.options.product_url_base })
    try {
      const record = await module.createKlarnaCaptures({
        source_key: input.source_key,
        order_id: input.order_id,
        fulfillment_id: input.fulfillment_id ?? null,
        payment_id: context.payment?.id ?? null,
        provider_id: context.provider_id,
        klarna_order_id: context.klarna_order_id,
        amount: plan.amount,
        currency_code: klarnaOrder.purchase_currency.toLowerCase(),
        items: plan.items,
        includes_shipping: plan.includes_shipping,
        order_lines: plan.order_lines,
        shipping_info: input.shipping_info?.length ? input.shipping_info : null,
        description: input.description ?? null,
        idempotency_key: idempotencyKeyFor(input.source_key, "capture"),
        status: "pending",
        created_by: input.actor_id ?? null,
      } as any)
      return new StepResponse(record as unknown as KlarnaCaptureRecord)
    } catch (e) {
      // a concurrent delivery of the same event created it first
      const raced = await findCaptureRecord(container, input.source_key)
      if (raced) return new StepResponse(raced)
      throw e
    }
  }
)
