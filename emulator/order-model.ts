import type { Capture, Order, PaymentMethod, Refund } from "./state"

export const DAY_MS = 86_400_000
/** Klarna: an authorization lasts 28 days, extendable by 28 days at a time up to 180 days after creation. */
export const AUTHORIZATION_DAYS = 28
export const MAX_AUTHORIZATION_DAYS = 180

export type OrderStatus = "AUTHORIZED" | "PART_CAPTURED" | "CAPTURED" | "CANCELLED" | "EXPIRED" | "CLOSED"

export const capturedAmount = (order: Order) => order.captures.reduce((sum, c) => sum + c.captured_amount, 0)
export const refundedAmount = (order: Order) => order.refunds.reduce((sum, r) => sum + r.refunded_amount, 0)

/** order_amount − captured_amount, until released or cancelled (then 0). */
export function remainingAuthorizedAmount(order: Order): number {
  return order.cancelled || order.released ? 0 : order.order_amount - capturedAmount(order)
}

export const isExpired = (order: Order, now = Date.now()) => now >= order.expires_at

/**
 * Derived, never stored. A release with captures leaves the order CAPTURED (what Klarna shows for
 * a part-captured order whose remainder was released); an expired order with captures keeps
 * PART_CAPTURED (the captured part stays valid), only an untouched one becomes EXPIRED.
 */
export function orderStatus(order: Order, now = Date.now()): OrderStatus {
  if (order.cancelled) return "CANCELLED"
  const captured = capturedAmount(order)
  if (captured > 0) return captured >= order.order_amount || order.released ? "CAPTURED" : "PART_CAPTURED"
  if (isExpired(order, now)) return "EXPIRED"
  return "AUTHORIZED"
}

/** Pay-later methods are the ones whose captures can have their due date extended. */
const PAY_LATER = new Set(["INVOICE", "INVOICE_BUSINESS"])
export const isPayLater = (method: PaymentMethod) => PAY_LATER.has(method.type)

/** The fee (minor units) the merchant pays per extension length, in the order currency. */
export const EXTEND_DUE_DATE_OPTIONS = [
  { number_of_days: 14, amount: 295 },
  { number_of_days: 28, amount: 495 },
]

const DESCRIPTIONS: Record<string, string> = {
  INVOICE: "Pay later",
  FIXED_AMOUNT: "Slice it (Fixed Payments)",
  PAY_IN_X: "Pay in parts",
  DIRECT_DEBIT: "Pay now (direct debit)",
  CARD: "Pay now (card)",
  BANK_TRANSFER: "Pay now (bank transfer)",
  PIX: "Pix",
}

const iso = (ms: number) => new Date(ms).toISOString()

/** GET /ordermanagement/v1/orders/{order_id} — the spec's `Order` definition. */
export function orderView(order: Order, now = Date.now()) {
  return {
    order_id: order.order_id,
    status: orderStatus(order, now),
    fraud_status: order.fraud_status,
    order_amount: order.order_amount,
    original_order_amount: order.original_order_amount,
    captured_amount: capturedAmount(order),
    refunded_amount: refundedAmount(order),
    remaining_authorized_amount: remainingAuthorizedAmount(order),
    purchase_currency: order.purchase_currency,
    locale: order.locale,
    order_lines: order.order_lines,
    merchant_reference1: order.merchant_reference1,
    merchant_reference2: order.merchant_reference2,
    klarna_reference: order.klarna_reference,
    billing_address: order.billing_address,
    shipping_address: order.shipping_address,
    created_at: iso(order.created_at),
    purchase_country: order.purchase_country,
    expires_at: iso(order.expires_at),
    captures: order.captures.map(captureView),
    refunds: order.refunds.map(refundView),
    merchant_data: order.merchant_data,
    initial_payment_method: {
      type: order.payment_method.type,
      description: DESCRIPTIONS[order.payment_method.type] ?? order.payment_method.type,
      number_of_installments: order.payment_method.number_of_installments,
    },
  }
}

/** The spec's `Capture` definition (emulator bookkeeping left out). */
export function captureView(capture: Capture) {
  return {
    capture_id: capture.capture_id,
    klarna_reference: capture.klarna_reference,
    captured_amount: capture.captured_amount,
    captured_at: capture.captured_at,
    description: capture.description,
    reference: capture.reference,
    order_lines: capture.order_lines,
    refunded_amount: capture.refunded_amount,
    billing_address: capture.billing_address,
    shipping_address: capture.shipping_address,
    shipping_info: capture.shipping_info,
  }
}

export function refundView(refund: Refund) {
  return {
    refund_id: refund.refund_id,
    refunded_amount: refund.refunded_amount,
    refunded_at: refund.refunded_at,
    description: refund.description,
    reference: refund.reference,
    order_lines: refund.order_lines,
  }
}
