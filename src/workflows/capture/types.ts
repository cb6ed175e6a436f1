import type { RecordedKlarnaFailure } from "../../lib/klarna"
import type { ShippingInfo } from "../../lib/klarna/types"

export type CaptureItem = { line_item_id: string; quantity: number }

/** What a capture is asked to take; the intent is planned from it and Medusa's data alone. */
export interface CaptureRequest {
  order_id: string
  /** what makes this capture unique: "fulfillment:<id>" or "manual:<order id>:<key>" */
  source_key: string
  fulfillment_id?: string
  /** order line items and quantities to capture; omitted with `amount` (capture by amount) */
  items?: CaptureItem[]
  /**
   * Shipments: capture at most what is still uncaptured of each item (units may have been
   * captured by hand before), instead of refusing. A shipment of nothing uncaptured records 0.
   */
  clamp_to_remaining?: boolean
  /** major units, for a capture by amount (no order lines) */
  amount?: number
  shipping_info?: ShippingInfo[]
  description?: string
  actor_id?: string
}

export type CaptureStatus = "pending" | "succeeded" | "failed" | "canceled"

/**
 * Why a record is not (yet) captured, as shown to admins (panel, admin API, MCP): Klarna's
 * failure as records keep it (captureErrorOf), or a reason of the plugin's own with its message.
 */
export interface CaptureError extends Partial<RecordedKlarnaFailure> {
  /** what stopped it when it wasn't a Klarna error: "klarna_order_state", "order_canceled", "fraud_review", "invalid_order_data" */
  reason?: string
  /** Klarna's order status when that is the reason (CANCELLED, CLOSED, CAPTURED, …) */
  klarna_status?: string
  message: string
  at: string
}

export interface KlarnaCaptureRecord {
  id: string
  source_key: string
  order_id: string
  fulfillment_id: string | null
  payment_id: string | null
  provider_id: string
  klarna_order_id: string
  klarna_capture_id: string | null
  klarna_reference: string | null
  medusa_capture_id: string | null
  amount: number
  currency_code: string
  medusa_amount: string | null
  items: CaptureItem[]
  includes_shipping: boolean
  completes_order: boolean
  order_lines: unknown[] | null
  shipping_info: ShippingInfo[] | null
  description: string | null
  idempotency_key: string
  status: CaptureStatus
  attempts: number
  last_error: CaptureError | null
  created_by: string | null
  lease_owner?: string | null
  lease_expires_at?: Date | null
  created_at?: Date
  updated_at?: Date
}

export const captureError = (message: string, extra: Partial<CaptureError> = {}): CaptureError => ({
  message,
  ...extra,
  at: new Date().toISOString(),
})
