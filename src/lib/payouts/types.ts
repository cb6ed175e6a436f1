/**
 * Klarna's Settlements API v1 as the reconciliation reads it (amounts: integer minor units), and
 * what matching a payout against Medusa produces. Pure types, no Medusa imports.
 */

export const TRANSACTION_TYPES = [
  "COMMISSION",
  "SALE",
  "REVERSAL",
  "RETURN",
  "TAX",
  "FEE",
  "FEE_REFUND",
  "CORRECTION",
  "REVERSAL_MERCHANT_PROTECTION",
  "CHARGE",
  "CREDIT",
  "HOLDBACK",
  "RELEASE",
] as const
export type TransactionType = (typeof TRANSACTION_TYPES)[number]

/** A Settlements API transaction (the fields the plugin reads; Klarna may send more). */
export interface KlarnaSettlementTransaction {
  amount: number
  type: TransactionType | string
  detailed_type?: string
  currency_code: string
  order_id: string
  capture_id?: string
  refund_id?: string
  short_order_id?: string
  sale_date?: string
  capture_date?: string
  payment_reference?: string
  merchant_reference1?: string
  merchant_reference2?: string
  merchant_capture_reference?: string
  merchant_refund_reference?: string
  purchase_country?: string
  [field: string]: unknown
}

/** A payout's totals, integer minor units (Klarna's `totals`; absent fields count as 0). */
export interface PayoutTotals {
  sale_amount?: number
  return_amount?: number
  fee_amount?: number
  reversal_amount?: number
  holdback_amount?: number
  release_amount?: number
  commission_amount?: number
  tax_amount?: number
  charge_amount?: number
  credit_amount?: number
  fee_refund_amount?: number
  fee_correction_amount?: number
  repay_amount?: number
  deposit_amount?: number
  settlement_amount: number
  opening_debt_balance_amount?: number
  closing_debt_balance_amount?: number
  [field: string]: number | undefined
}

/** A Settlements API payout (the fields the plugin reads). */
export interface KlarnaSettlementPayout {
  payment_reference: string
  payout_date: string
  currency_code: string
  totals: PayoutTotals
  [field: string]: unknown
}

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
