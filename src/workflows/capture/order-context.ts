import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { toMinorUnits } from "../../lib/amounts"
import { isKlarnaProviderId } from "../../utils/klarna-provider-lookup"
import { ORDER_LINES_FIELDS } from "../../utils/order-lines-source"

export interface KlarnaOrderContext {
  order: any
  /** the authorized Medusa payment, absent while Klarna's fraud decision is pending */
  payment?: any
  provider_id: string
  klarna_order_id: string
  /** what Klarna authorized, in minor units (the payment's, or while in fraud review the session's, amount) */
  authorized_minor: number
  canceled: boolean
}

const PAYMENT_FIELDS = [
  "id",
  "currency_code",
  "payment_collections.payments.*",
  "payment_collections.payment_sessions.*",
]

const FIELDS = [
  ...ORDER_LINES_FIELDS,
  "status",
  "canceled_at",
  "payment_collections.payments.*",
  "payment_collections.payments.captures.*",
  "payment_collections.payment_sessions.*",
]

/** The Klarna payment (or, in fraud review, session) of a Medusa order queried with FIELDS. */
export function klarnaPaymentOf(order: any): Omit<KlarnaOrderContext, "order" | "canceled"> | null {
  for (const pc of order.payment_collections ?? []) {
    const payment = (pc?.payments ?? []).find((p: any) => isKlarnaProviderId(p?.provider_id) && !p.canceled_at)
    if (payment?.data?.order_id) {
      return {
        payment,
        provider_id: payment.provider_id,
        klarna_order_id: payment.data.order_id,
        authorized_minor: toMinorUnits(payment.raw_amount ?? payment.amount, order.currency_code),
      }
    }
    const session = (pc?.payment_sessions ?? []).find(
      (s: any) => isKlarnaProviderId(s?.provider_id) && s.data?.order_id
    )
    if (session) {
      return {
        provider_id: session.provider_id,
        klarna_order_id: session.data.order_id,
        authorized_minor: toMinorUnits(session.raw_amount ?? session.amount, order.currency_code),
      }
    }
  }
  return null
}

/** The order's Klarna payment (or session) alone: a smaller read than loadKlarnaOrderContext. */
export async function findKlarnaPayment(
  container: MedusaContainer,
  orderId: string
): Promise<Omit<KlarnaOrderContext, "order" | "canceled"> | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data }: { data: any[] } = await query.graph({
    entity: "order",
    fields: PAYMENT_FIELDS,
    filters: { id: orderId },
  })
  return data[0] ? klarnaPaymentOf(data[0]) : null
}

/** The Medusa order with everything a Klarna capture needs, or null when it isn't paid with Klarna. */
export async function loadKlarnaOrderContext(
  container: MedusaContainer,
  orderId: string
): Promise<KlarnaOrderContext | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data }: { data: any[] } = await query.graph({ entity: "order", fields: FIELDS, filters: { id: orderId } })
  const order = data[0]
  if (!order) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${orderId} not found`)
  const klarna = klarnaPaymentOf(order)
  if (!klarna) return null
  return { order, ...klarna, canceled: order.status === "canceled" || !!order.canceled_at }
}
