/**
 * What matching a Klarna payout (Settlements API v1, amounts in integer minor units) against
 * Medusa produces. Pure types, no Medusa imports.
 */

export type { Payout as KlarnaSettlementPayout, PayoutTotals } from "../klarna/settlements-types"
export type { SettlementTransaction as KlarnaSettlementTransaction } from "../klarna/settlements-types"

export const DISCREPANCY_KINDS = [
  "unknown_transaction",
  "amount_mismatch",
  "currency_mismatch",
  "totals_mismatch",
  "capture_not_paid_out",
] as const
export type DiscrepancyKind = (typeof DISCREPANCY_KINDS)[number]

export interface TransactionDiscrepancy {
  kind: Extract<DiscrepancyKind, "unknown_transaction" | "amount_mismatch" | "currency_mismatch">
  message: string
}

export interface PayoutDiscrepancy {
  kind: Extract<DiscrepancyKind, "totals_mismatch" | "currency_mismatch">
  message: string
}

/** A Medusa capture of a Klarna order, with what Klarna captured for it (minor units). */
export interface MedusaCaptureRef {
  /** Klarna's capture id, when Medusa knows it (the plugin's capture record, or the provider's note) */
  klarna_capture_id: string | null
  medusa_capture_id: string | null
  /** the plugin's klarna_capture record, for captures the plugin made */
  capture_record_id: string | null
  /** what Klarna captured, integer minor units */
  amount: number
}

/** A Medusa refund of a Klarna order, with what Klarna refunded for it (minor units). */
export interface MedusaRefundRef {
  klarna_refund_id: string | null
  medusa_refund_id: string
  amount: number
}

/** What Medusa knows of one Klarna order (found by the Klarna order id of its payment's `data.order_id`). */
export interface MedusaKlarnaOrder {
  klarna_order_id: string
  order_id: string
  display_id: number | null
  currency_code: string
  captures: MedusaCaptureRef[]
  refunds: MedusaRefundRef[]
}

/** A transaction's match. */
export interface TransactionMatch {
  order_id: string | null
  order_display_id: number | null
  medusa_capture_id: string | null
  medusa_refund_id: string | null
  capture_record_id: string | null
  discrepancy: TransactionDiscrepancy | null
}
