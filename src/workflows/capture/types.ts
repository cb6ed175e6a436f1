import type { ShippingInfo } from "../../lib/klarna/types"
import type { CaptureItem } from "../../modules/klarna/types"

export type { CaptureError, CaptureItem, KlarnaCaptureRecord } from "../../modules/klarna/types"
export { captureError, captureErrorOf } from "../../modules/klarna/capture-record-fields"

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
