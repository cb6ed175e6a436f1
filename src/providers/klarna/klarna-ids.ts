import type { KlarnaPaymentData } from "./session-data"

/** What Klarna made of one Medusa capture or refund: its id at Klarna and the amount (minor units). */
export interface KlarnaIdNote {
  id: string
  amount: number
}

/**
 * The payment's `data` remembers, per Medusa capture / refund id, Klarna's capture / refund id
 * and amount: payout reconciliation matches Klarna's settlement transactions by these ids.
 */
export const noteKlarnaCapture = (
  data: KlarnaPaymentData,
  medusaCaptureId: string,
  klarna: { capture_id: string; amount: number }
): KlarnaPaymentData => ({
  ...data,
  klarna_captures: { ...data.klarna_captures, [medusaCaptureId]: { id: klarna.capture_id, amount: klarna.amount } },
})

export const noteKlarnaRefund = (
  data: KlarnaPaymentData,
  medusaRefundId: string,
  klarna: { refund_id: string; amount: number }
): KlarnaPaymentData => ({
  ...data,
  klarna_refunds: { ...data.klarna_refunds, [medusaRefundId]: { id: klarna.refund_id, amount: klarna.amount } },
})
