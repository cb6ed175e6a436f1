import type { buildOrderLines } from "../../lib/order-lines"
import type { FraudStatus, KlarnaAddress } from "../../lib/klarna/types"

/** What the plugin derives server-side from a cart for a KP session (never from the browser). */
export interface KlarnaCartSnapshot {
  cart_id: string
  purchase_country: string
  purchase_currency: string
  order_amount: number
  order_tax_amount: number
  order_lines: ReturnType<typeof buildOrderLines>["order_lines"]
  billing_address?: KlarnaAddress
  shipping_address?: KlarnaAddress
}

/**
 * What the plugin keeps in a Medusa payment session's / payment's `data`. Only server code writes
 * it: the store middleware replaces whatever the browser sent with `klarna_cart`, the
 * authorization route stores a token only after Klarna confirmed it belongs to the session.
 */
export interface KlarnaPaymentData {
  [key: string]: unknown
  /** Medusa payment session id (added by Medusa) */
  session_id?: string
  klarna_cart?: KlarnaCartSnapshot
  klarna_session_id?: string
  client_token?: string
  payment_method_categories?: unknown[]
  authorization_token?: string
  order_id?: string
  fraud_status?: FraudStatus
  klarna_reference?: string
  expires_at?: string
  order_amount?: number
  currency_code?: string
  /** Medusa capture id → Klarna's capture id and amount (captures made through the provider) */
  klarna_captures?: Record<string, { id: string; amount: number }>
  /** Medusa refund id → Klarna's refund id and amount */
  klarna_refunds?: Record<string, { id: string; amount: number }>
  /** set by the plugin's order-change workflow only: open this session on that (placed) Klarna order */
  carried_order_id?: string
  /** the session/payment carries over the order's Klarna order to a collection Medusa opened for an order change */
  carried_over?: boolean
}

export const asKlarnaData = (data: Record<string, unknown> | undefined): KlarnaPaymentData =>
  (data ?? {}) as KlarnaPaymentData
