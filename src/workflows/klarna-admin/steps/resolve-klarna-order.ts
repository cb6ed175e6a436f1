import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { klarnaPaymentOf } from "../../capture/order-context"

export interface KlarnaOrderRef {
  /** Medusa order id */
  order_id: string
  /** the Medusa payment Klarna authorized (null while Klarna's fraud decision is pending) */
  payment_id: string | null
  /** the Klarna provider instance that authorized it, e.g. pp_klarna_klarna: its credentials are used */
  provider_id: string
  klarna_order_id: string
}

/**
 * Medusa order id → its Klarna order and the provider instance behind it.
 * Unknown order, or an order not paid with Klarna → NOT_FOUND (404).
 */
export const resolveKlarnaOrderStep = createStep(
  "klarna-admin-resolve-order",
  async (input: { order_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order",
      fields: ["id", "currency_code", "payment_collections.payments.*", "payment_collections.payment_sessions.*"],
      filters: { id: input.order_id },
    })
    const order: { id: string } | undefined = data[0]
    if (!order) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${input.order_id} not found`)
    // the same rule the capture pipeline uses: the live Klarna payment, else (fraud review) the session
    const klarna = klarnaPaymentOf(order)
    if (!klarna) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${input.order_id} is not paid with Klarna`)
    return new StepResponse<KlarnaOrderRef>({
      order_id: order.id,
      payment_id: klarna.payment?.id ?? null,
      provider_id: klarna.provider_id,
      klarna_order_id: klarna.klarna_order_id,
    })
  }
)
