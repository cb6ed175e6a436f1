import type { FraudStatus } from "../../lib/klarna/types"
import type { KlarnaCartSnapshot } from "../../utils/klarna-session-request"

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
  /** set by the plugin's order-change workflow only: open this session on that (placed) Klarna order */
  carried_order_id?: string
  /** the session/payment carries over the order's Klarna order to a collection Medusa opened for an order change */
  carried_over?: boolean
}

export const asKlarnaData = (data: Record<string, unknown> | undefined): KlarnaPaymentData =>
  (data ?? {}) as KlarnaPaymentData
