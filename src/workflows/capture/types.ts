import type { RecordedKlarnaFailure } from "../../lib/klarna"
import type { ShippingInfo } from "../../lib/klarna/types"
import type { CaptureItem } from "../../modules/klarna/types"

export type { CaptureItem, KlarnaCaptureRecord } from "../../modules/klarna/types"

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
  /** what stopped it when it wasn't a Klarna error: "klarna_order_state", "exceeds_plan" (Klarna holds more than the last capture may take), "order_canceled", "fraud_review", "invalid_order_data" */
  reason?: string
  /** Klarna's order status when that is the reason (CANCELLED, CLOSED, CAPTURED, …) */
  klarna_status?: string
  message: string
  at: string
}

export const captureError = (message: string, extra: Partial<CaptureError> = {}): CaptureError => ({
  message,
  ...extra,
  at: new Date().toISOString(),
})
