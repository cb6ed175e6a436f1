/** The payouts pages' data (GET /admin/klarna/payouts…) and the CSV export: pure, unit-tested. */

export type PayoutStatus = "pending" | "reconciled" | "discrepancies"

export interface Discrepancy {
  kind: string
  message: string
}

export interface PayoutRow {
  payment_reference: string
  payout_date: string | null
  currency_code: string
  sale_amount: number
  return_amount: number
  fee_amount: number
  settlement_amount: number
  transaction_count: number
  matched_count: number
  unmatched_count: number
  status: PayoutStatus
  discrepancies: Discrepancy[]
}

export interface PayoutTransaction {
  type: string
  detailed_type?: string
  amount: number
  currency_code: string
  /** Klarna's order id */
  order_id: string
  capture_id?: string
  refund_id?: string
  sale_date?: string
  capture_date?: string
  medusa_order_id: string | null
  medusa_order_display_id: number | null
  medusa_capture_id: string | null
  medusa_refund_id: string | null
  discrepancy: Discrepancy | null
}

export interface PayoutList {
  payouts: PayoutRow[]
  count: number
  limit: number
  offset: number
  unpaid_captures: { days: number; count: number }
}

export type PayoutDetail = PayoutRow & { transactions: PayoutTransaction[] }

export const PAYOUT_STATUS: Record<PayoutStatus, { label: string; color: "green" | "red" | "orange" }> = {
  reconciled: { label: "Reconciled", color: "green" },
  discrepancies: { label: "Discrepancies", color: "red" },
  pending: { label: "Syncing", color: "orange" },
}

const CSV_COLUMNS = [
  "payment_reference",
  "payout_date",
  "type",
  "detailed_type",
  "amount_minor",
  "currency_code",
  "klarna_order_id",
  "capture_id",
  "refund_id",
  "capture_date",
  "medusa_order_id",
  "medusa_order_display_id",
  "medusa_capture_id",
  "medusa_refund_id",
  "discrepancy_kind",
  "discrepancy_message",
] as const

/** RFC 4180 field; a leading =, +, -, @ is quoted away so a spreadsheet never runs it as a formula. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return ""
  let text = String(value)
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The payout's transactions with their matches, one CSV row each (amounts in minor units, as Klarna reports them). */
export function payoutCsv(payout: PayoutDetail): string {
  const rows = payout.transactions.map((t) => [
    payout.payment_reference,
    payout.payout_date,
    t.type,
    t.detailed_type,
    t.amount,
    t.currency_code,
    t.order_id,
    t.capture_id,
    t.refund_id,
    t.capture_date,
    t.medusa_order_id,
    t.medusa_order_display_id,
    t.medusa_capture_id,
    t.medusa_refund_id,
    t.discrepancy?.kind,
    t.discrepancy?.message,
  ])
  return [CSV_COLUMNS as readonly unknown[], ...rows].map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n"
}

/** Every discrepancy of a payout: its own (totals, currency) first, then its transactions'. */
export const allDiscrepancies = (payout: PayoutDetail): Discrepancy[] => [
  ...payout.discrepancies,
  ...payout.transactions.flatMap((t) => (t.discrepancy ? [t.discrepancy] : [])),
]
