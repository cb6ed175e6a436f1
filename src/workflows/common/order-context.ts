import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { MoneyLike } from "../../lib/amounts"
import type { LineItemSource } from "../../lib/order-lines/types"
import { klarnaPaymentOf, type KlarnaPaymentOfOrder, type OrderWithPayments } from "../../utils/klarna-order-ref"
import { orderTotalsFields } from "../../utils/medusa-order-fields"
import { ORDER_LINES_FIELDS, type CartOrOrderLike } from "../../utils/order-lines-source"
import { queryRows } from "../../utils/query-rows"

/** The Medusa order as FIELDS reads it: its lines (planning), its Klarna payment, whether it is canceled. */
export interface KlarnaCaptureOrder extends Omit<CartOrOrderLike, "items">, OrderWithPayments {
  /** refunds beyond what the order owed back (planning adds them back: totalBeforeCreditLines) */
  credit_line_total?: MoneyLike | null
  /** read as they are by the return step (authorizedLinesWithSources) too */
  items?: LineItemSource[] | null
  status: string
  canceled_at?: Date | string | null
}

export interface KlarnaOrderContext extends KlarnaPaymentOfOrder {
  order: KlarnaCaptureOrder
  canceled: boolean
}

const FIELDS = orderTotalsFields([
  ...ORDER_LINES_FIELDS,
  "status",
  "canceled_at",
  "credit_line_total",
  "payment_collections.payments.*",
  "payment_collections.payments.captures.*",
  "payment_collections.payment_sessions.*",
])

/** The Medusa order with everything a Klarna capture needs, or null when it isn't paid with Klarna. */
export async function loadKlarnaOrderContext(
  container: MedusaContainer,
  orderId: string
): Promise<KlarnaOrderContext | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const [order] = await queryRows<KlarnaCaptureOrder>(query, {
    entity: "order",
    fields: FIELDS,
    filters: { id: orderId },
  })
  if (!order) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${orderId} not found`)
  const klarna = klarnaPaymentOf(order)
  if (!klarna) return null
  return { order, ...klarna, canceled: order.status === "canceled" || !!order.canceled_at }
}
