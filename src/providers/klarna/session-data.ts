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
}

export const asKlarnaData = (data: Record<string, unknown> | undefined): KlarnaPaymentData =>
  (data ?? {}) as KlarnaPaymentData
