/**
 * Models of Klarna's Settlements API v1 (payouts and their transactions), as its OpenAPI
 * specification describes them (a copy is in emulator/spec/). Every amount is an integer in minor
 * units and, in totals and transactions alike, positive: the `type` of a transaction (or the name
 * of a total) says in which direction the money moves. Response models mark as optional what the
 * specification does not require.
 */

export type SettlementTransactionType =
  | "COMMISSION"
  | "SALE"
  | "REVERSAL"
  | "RETURN"
  | "TAX"
  | "FEE"
  | "FEE_REFUND"
  | "CORRECTION"
  | "REVERSAL_MERCHANT_PROTECTION"
  | "CHARGE"
  | "CREDIT"
  | "HOLDBACK"
  | "RELEASE"

/** `detailed_type` of a transaction (open-ended: Klarna adds values). Common ones listed. */
export type SettlementDetailedType =
  | "PURCHASE"
  | "PURCHASE_RETURN"
  | "PURCHASE_FEE_PERCENTAGE"
  | "PURCHASE_FEE_FIXED"
  | "PURCHASE_FEE_PERCENTAGE_REFUND"
  | "REVERSAL"
  | "ROLLING_RESERVE"
  | "MANUAL_ENTRY"
  | "CORRECTION"
  | (string & {})

/** A payout's totals (spec `Totals`). `tax_amount` is the VAT on Klarna's fees. */
export interface PayoutTotals {
  sale_amount: number
  return_amount: number
  fee_amount: number
  tax_amount?: number
  reversal_amount: number
  holdback_amount: number
  release_amount: number
  commission_amount: number
  repay_amount: number
  settlement_amount: number
  fee_correction_amount?: number
  charge_amount: number
  credit_amount: number
  fee_refund_amount: number
  tax_refund_amount: number
  deposit_amount: number
  opening_debt_balance_amount: number
  closing_debt_balance_amount: number
}

/** One payout: the money Klarna sent to the bank under `payment_reference` (spec `Payout`). */
export interface Payout {
  payment_reference: string
  /** ISO 8601 date-time */
  payout_date: string
  currency_code: string
  currency_code_of_registration_country?: string
  merchant_settlement_type: "GROSS" | "NET" | "GROSS_FEE"
  merchant_id: string
  totals: PayoutTotals
  /** URL of the transactions of this payout */
  transactions?: string
}

/** One line of a payout (spec `Transaction`). */
export interface SettlementTransaction {
  type: SettlementTransactionType
  detailed_type?: SettlementDetailedType
  /** minor units, positive */
  amount: number
  currency_code: string
  order_id: string
  short_order_id?: string
  /** SALE and FEE: the Klarna capture id; an empty string for RETURN and REVERSAL */
  capture_id?: string
  /** RETURN: the Klarna refund id */
  refund_id?: string
  merchant_reference1?: string
  merchant_reference2?: string
  /** the `reference` the merchant sent with the capture */
  merchant_capture_reference?: string
  /** the `reference` the merchant sent with the refund */
  merchant_refund_reference?: string
  /** ISO 8601 date-times */
  sale_date: string
  capture_date: string
  payment_reference?: string
  /** URL of the payout */
  payout?: string
  purchase_country: string
  shipping_country?: string
  vat_rate?: number
  vat_amount?: number
  initial_payment_method_type?: string
  initial_number_of_installments?: number
  initial_payment_method_monthly_downpayments?: number
  tax_in_currency_of_registration_country?: number
  currency_code_of_registration_country?: string
  klarna_comment?: string
  reversal_reference?: string
}

/** Klarna's pagination object: `next`/`prev` are URIs; `total` may be absent. */
export interface SettlementsPagination {
  count: number
  total?: number
  offset?: number
  next?: string
  prev?: string
}

export interface PayoutCollection {
  payouts: Payout[]
  pagination: SettlementsPagination
}

export interface TransactionCollection {
  transactions: SettlementTransaction[]
  pagination: SettlementsPagination
}

/** Totals of the payouts in a date range, one per currency (spec `PayoutSummary`). */
export interface PayoutSummary {
  summary_settlement_currency: string
  summary_payout_date_start: string
  summary_payout_date_end: string
  summary_total_sale_amount: number
  summary_total_return_amount: number
  summary_total_fee_amount: number
  summary_total_tax_amount: number
  summary_total_reversal_amount: number
  summary_total_holdback_amount: number
  summary_total_release_amount: number
  summary_total_commission_amount: number
  summary_total_repay_amount: number
  summary_total_settlement_amount: number
  summary_total_fee_correction_amount: number
}

/** Filters of the payouts list. Dates are ISO 8601; a bare date means 00:00:00 UTC of that day. */
export interface ListPayoutsQuery {
  /** payouts on or after this payout date */
  start_date?: string
  /** payouts on or before this payout date */
  end_date?: string
  currency_code?: string
}

/** Filters of the transactions list (at least one is usually given). */
export interface ListTransactionsQuery {
  payment_reference?: string
  order_id?: string
}

export interface PayoutSummaryQuery {
  start_date: string
  end_date: string
  currency_code?: string
}

/** Paging of one request: `size` 1..500 (Klarna's default 20), `offset` ≥ 0. */
export interface PageRequest {
  size?: number
  offset?: number
}

/** Paging of the streaming iterators: how many rows to ask for per request (1..500, default 500). */
export interface StreamOptions {
  pageSize?: number
}
