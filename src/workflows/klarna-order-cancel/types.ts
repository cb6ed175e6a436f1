import type { CancelOperation } from "../../lib/cancel-operation"
import type { RecordedKlarnaFailure } from "../../lib/klarna"

export interface KlarnaOrderOperationRecord {
  id: string
  key: string
  order_id: string
  provider_id: string
  klarna_order_id: string
  operation: CancelOperation | null
  status: "pending" | "succeeded" | "failed"
  attempts: number
  klarna_status: string | null
  /** Klarna's last refusal, and when */
  last_error: (RecordedKlarnaFailure & { at: string }) | null
  created_at?: Date
  updated_at?: Date
}

/** The record key of "this Medusa order was canceled": one per order, whatever canceled it. */
export const orderCanceledKey = (orderId: string) => `order-canceled:${orderId}`
