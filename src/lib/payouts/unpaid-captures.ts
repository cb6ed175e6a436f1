/** Medusa captures Klarna has not paid out after `days` days (a discrepancy across payouts). */

export const DEFAULT_PAYOUT_OVERDUE_DAYS = 14
const DAY_MS = 24 * 60 * 60 * 1000

/** Captures made before this moment should have been paid out by `now`. */
export const overdueBefore = (now: Date, days: number): Date => new Date(now.getTime() - days * DAY_MS)

export interface UnpaidCapture {
  order_id: string
  klarna_order_id: string
  klarna_capture_id: string
  medusa_capture_id: string | null
  amount: number
  currency_code: string
  captured_at: string
}

/** Whole days between the capture and `now`. */
export const daysSince = (capturedAt: string | Date, now: Date): number =>
  Math.floor((now.getTime() - new Date(capturedAt).getTime()) / DAY_MS)

export function unpaidCaptureDiscrepancy(capture: UnpaidCapture, now: Date) {
  return {
    kind: "capture_not_paid_out" as const,
    message: `Klarna capture ${capture.klarna_capture_id} of order ${capture.order_id} (${capture.amount} ${capture.currency_code.toUpperCase()} minor units) is not in any payout ${daysSince(capture.captured_at, now)} days after it was captured`,
  }
}
