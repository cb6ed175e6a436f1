/** Shapes of the plugin's admin API (GET/POST /admin/klarna/orders/:id/…), as the widget reads them. */
import type { RecordedKlarnaFailure } from "../../lib/klarna/failure"

export interface Amount {
  /** Klarna's integer minor units */
  minor: number
  /** major units */
  major: number
}

export interface KlarnaOrderSummary {
  order_id: string
  status: "AUTHORIZED" | "PART_CAPTURED" | "CAPTURED" | "CANCELLED" | "EXPIRED" | "CLOSED" | string
  fraud_status: "ACCEPTED" | "PENDING" | "REJECTED" | string | null
  klarna_reference: string | null
  currency_code: string
  expires_at: string | null
  created_at: string | null
  initial_payment_method: { type?: string; description?: string; number_of_installments?: number } | null
  amounts: {
    order_amount: Amount
    captured_amount: Amount
    refunded_amount: Amount
    remaining_authorized_amount: Amount
  }
}

export interface ShippingInfo {
  shipping_company?: string
  shipping_method?: string
  tracking_number?: string
  tracking_uri?: string
  return_shipping_company?: string
  return_tracking_number?: string
  return_tracking_uri?: string
}

/** A capture as Klarna reports it (amounts in minor units). */
export interface KlarnaCapture {
  capture_id: string
  klarna_reference?: string
  captured_amount: number
  captured_at?: string
  description?: string
  order_lines?: { name?: string; quantity?: number; total_amount?: number; type?: string }[]
  shipping_info?: ShippingInfo[]
  refunded_amount?: number
}

/**
 * A record's `last_error` (capture record, order operation): Klarna's failure as records keep it,
 * or, for a capture held back by the plugin itself, its reason and message only.
 */
export type LastError = Partial<RecordedKlarnaFailure> & {
  at?: string | null
  reason?: string
  klarna_status?: string
}

/** The plugin's own record of a capture it made or tries to make. */
export interface CaptureRecord {
  id: string
  status: "pending" | "succeeded" | "failed"
  /** minor units */
  amount: number | null
  currency_code: string
  fulfillment_id: string | null
  klarna_capture_id: string | null
  attempts: number
  last_error: LastError | null
  shipping_info: ShippingInfo[] | null
  items: { line_item_id: string; quantity: number }[]
  description: string | null
  created_by: string | null
  created_at: string | null
  updated_at: string | null
}

export interface KlarnaActionLog {
  id: string
  action: string
  actor_id: string | null
  outcome: "succeeded" | "failed"
  details: Record<string, unknown> | null
  klarna_capture_id: string | null
  created_at: string | null
}

export interface KlarnaOrderResponse {
  klarna_order: KlarnaOrderSummary
  provider_id: string
  payment_id: string
  captures: KlarnaCapture[]
  capture_records: CaptureRecord[]
  actions: KlarnaActionLog[]
  /** cancel/release after the Medusa order was canceled (absent on older servers) */
  order_operations?: OrderOperationRecord[]
  /** the Klarna payout each capture and refund was paid out in; null: not paid out yet */
  payouts?: {
    captures: { capture_id: string; payout: PaidOutIn | null }[]
    refunds: { refund_id: string; payout: PaidOutIn | null }[]
  }
  /** Klarna refused to raise the authorization after an order change (absent on older servers) */
  authorization_refusal?: AuthorizationRefusal | null
}

export interface AuthorizationRefusal {
  requested_order_amount: Amount
  authorized_order_amount: Amount
  remaining_authorized_amount: Amount
  uncovered_amount: Amount
  klarna_error: { error_code?: string; error_messages?: string[]; correlation_id?: string } | null
  at: string | null
}

export interface PaidOutIn {
  payment_reference: string
  payout_date: string
}

/** What the plugin does at Klarna when the Medusa order is canceled, or (reason "merchant-references") placed. */
export interface OrderOperationRecord {
  id: string
  reason: string | null
  operation: "cancel" | "release" | "none" | "merchant_references" | "refund" | null
  status: "pending" | "succeeded" | "failed"
  attempts: number
  klarna_status: string | null
  last_error: LastError | null
  created_at: string | null
  updated_at: string | null
}

export interface ExtendDueDateOptionsResponse {
  extend_due_date_options: {
    currency?: string
    options: { number_of_days: number; amount: number }[]
  }
}

export interface ManualCaptureBody {
  items?: { line_item_id: string; quantity: number }[]
  amount?: number
  shipping_info?: ShippingInfo[]
  description?: string
}
