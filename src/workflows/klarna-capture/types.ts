import type { ShippingInfo } from "../../lib/klarna/types"

export interface CaptureKlarnaInput {
  order_id: string
  /** what makes this capture unique: "fulfillment:<id>" or "manual:<key>" */
  source_key: string
  fulfillment_id?: string
  /** order line items and quantities to capture; omitted with `amount` (capture by amount) */
  items?: { line_item_id: string; quantity: number }[]
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
  items: { line_item_id: string; quantity: number }[]
  includes_shipping: boolean
  order_lines: unknown[] | null
  shipping_info: ShippingInfo[] | null
  description: string | null
  idempotency_key: string
  status: "pending" | "succeeded" | "failed"
  attempts: number
  last_error: Record<string, unknown> | null
  created_by: string | null
  created_at?: Date
  updated_at?: Date
}
