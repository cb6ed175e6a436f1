import type { BigNumberRawValue, BigNumberValue, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { toMinorUnits } from "../lib/amounts"
import type { KlarnaPaymentData } from "../providers/klarna/session-data"
import { isKlarnaProviderId } from "./klarna-provider-lookup"
import { queryRows } from "./query-rows"

/** A Medusa payment or payment session, as KLARNA_PAYMENT_FIELDS reads it. */
export interface OrderPaymentRow {
  id: string
  provider_id: string
  canceled_at?: Date | string | null
  data?: KlarnaPaymentData | null
  amount: BigNumberValue
  raw_amount?: BigNumberRawValue | null
}

/** What klarnaPaymentOf reads of an order. */
export interface OrderWithPayments {
  id: string
  currency_code: string
  payment_collections?:
    | ({ payments?: (OrderPaymentRow | null)[] | null; payment_sessions?: (OrderPaymentRow | null)[] | null } | null)[]
    | null
}

/** The Klarna side of a Medusa order: the payment Klarna authorized (or, in fraud review, its session). */
export interface KlarnaPaymentOfOrder {
  /** the authorized Medusa payment, absent while Klarna's fraud decision is pending */
  payment?: OrderPaymentRow
  /** the Klarna provider instance that authorized it, e.g. pp_klarna_klarna: its credentials are used */
  provider_id: string
  klarna_order_id: string
  /** what Klarna authorized, in minor units (the payment's, or while in fraud review the session's, amount) */
  authorized_minor: number
}

export interface KlarnaOrderRef {
  /** Medusa order id */
  order_id: string
  /** the Medusa payment Klarna authorized (null while Klarna's fraud decision is pending) */
  payment_id: string | null
  provider_id: string
  klarna_order_id: string
}

/** What klarnaPaymentOf needs of an order (callers may query more). */
export const KLARNA_PAYMENT_FIELDS = [
  "id",
  "currency_code",
  "payment_collections.payments.*",
  "payment_collections.payment_sessions.*",
]

/**
 * The one rule for "the Klarna payment of this order": its live (not canceled) Klarna payment in
 * any of its collections (after an order change it is on the collection Medusa opened for it, the
 * same Klarna order carried over), else (Klarna's fraud decision pending, or the order canceled)
 * the Klarna session that placed the order. What Klarna authorized is the Klarna order's amount as the payment
 * last saw it (a carried-over payment's own amount is only what was left to pay at the change).
 */
export function klarnaPaymentOf(order: OrderWithPayments): KlarnaPaymentOfOrder | null {
  const collections = (order.payment_collections ?? []).filter((pc) => !!pc)
  for (const pc of collections) {
    const payment = (pc.payments ?? []).find(
      (p) => isKlarnaProviderId(p?.provider_id) && !p.canceled_at && !!p.data?.order_id
    )
    if (payment) {
      return {
        payment,
        provider_id: payment.provider_id,
        klarna_order_id: payment.data!.order_id!,
        authorized_minor:
          payment.data?.order_amount ?? toMinorUnits(payment.raw_amount ?? payment.amount, order.currency_code),
      }
    }
  }
  for (const pc of collections) {
    const session = (pc.payment_sessions ?? []).find((s) => isKlarnaProviderId(s?.provider_id) && !!s.data?.order_id)
    const sessionOrderId = session?.data?.order_id
    if (session && sessionOrderId) {
      return {
        provider_id: session.provider_id,
        klarna_order_id: sessionOrderId,
        authorized_minor: toMinorUnits(session.raw_amount ?? session.amount, order.currency_code),
      }
    }
  }
  return null
}

/** The order's Klarna payment alone (a smaller read than the capture pipeline's order context); null: not paid with Klarna. */
export async function findKlarnaPayment(
  container: MedusaContainer,
  orderId: string
): Promise<(KlarnaPaymentOfOrder & { order_id: string }) | null | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const [order] = await queryRows<OrderWithPayments>(query, {
    entity: "order",
    fields: KLARNA_PAYMENT_FIELDS,
    filters: { id: orderId },
  })
  if (!order) return undefined
  const klarna = klarnaPaymentOf(order)
  return klarna && { ...klarna, order_id: order.id }
}

/**
 * Medusa order id → its Klarna order and the provider instance behind it.
 * Unknown order, or an order not paid with Klarna → NOT_FOUND (404).
 */
export async function resolveKlarnaOrder(container: MedusaContainer, orderId: string): Promise<KlarnaOrderRef> {
  const klarna = await findKlarnaPayment(container, orderId)
  if (klarna === undefined) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${orderId} not found`)
  if (!klarna) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${orderId} is not paid with Klarna`)
  return {
    order_id: klarna.order_id,
    payment_id: klarna.payment?.id ?? null,
    provider_id: klarna.provider_id,
    klarna_order_id: klarna.klarna_order_id,
  }
}
