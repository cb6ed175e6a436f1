import type { KlarnaOrderLine } from "../../lib/order-lines"
import { fitRefundLines } from "../../lib/order-lines"
import type { KlarnaPaymentData } from "./session-data"

/**
 * A received Medusa return, noted on the payment's data by the plugin's `order.return_received`
 * subscriber, so the refund that follows can carry the returned lines (Medusa gives the provider
 * only an amount). A fulfillment canceled after its capture is noted the same way.
 */
export interface KlarnaReturnNote {
  /** the Medusa return, or the canceled fulfillment (see `subject`) */
  return_id: string
  /** what the refund is for, as Klarna's description names it; "Return <return_id>" when absent */
  subject?: string
  /** minor units of the returned lines */
  amount: number
  order_lines: KlarnaOrderLine[]
  /** units per Medusa line item id */
  items: Record<string, number>
  /** the Medusa refund that took these lines */
  refund_id?: string
}

export const returnNotes = (data: KlarnaPaymentData): KlarnaReturnNote[] =>
  Array.isArray(data.klarna_returns) ? (data.klarna_returns as KlarnaReturnNote[]) : []

/**
 * The oldest return not refunded yet whose lines fit this refund's Klarna amount (equal up to
 * rounding): its lines, and the notes with it marked as taken by `refundId`. None → amount-only.
 */
export function linesForReturnRefund(data: KlarnaPaymentData, minor: number, refundId?: string) {
  const notes = returnNotes(data)
  for (const note of notes) {
    if (note.refund_id && note.refund_id !== refundId) continue
    const order_lines = fitRefundLines(note.order_lines, minor)
    if (!order_lines) continue
    const taken = notes.map((n) => (n === note ? { ...n, refund_id: refundId ?? "unknown" } : n))
    return { order_lines, subject: note.subject ?? `Return ${note.return_id}`, notes: taken }
  }
  return undefined
}
