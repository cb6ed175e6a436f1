/**
 * The Settlements API's data as the emulator keeps it. Amounts are integers in minor units and
 * positive (a CORRECTION carries its sign); the type says which way the money goes.
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

/** One settlement transaction: the fields of the spec's `Transaction` (but the payout link). */
export interface LedgerTransaction {
  type: TransactionType
  detailed_type?: string
  amount: number
  currency_code: string
  order_id: string
  short_order_id?: string
  capture_id?: string
  refund_id?: string
  merchant_reference1?: string
  merchant_reference2?: string
  merchant_capture_reference?: string
  merchant_refund_reference?: string
  sale_date: string
  capture_date: string
  payment_reference?: string
  purchase_country: string
  shipping_country?: string
  vat_rate?: number
  vat_amount?: number
  initial_payment_method_type?: string
  initial_number_of_installments?: number
  klarna_comment?: string
  reversal_reference?: string
}

/** A transaction and the merchant (account) it belongs to. */
export interface LedgerEntry {
  merchant: string
  transaction: LedgerTransaction
}

export interface Totals {
  commission_amount: number
  repay_amount: number
  sale_amount: number
  holdback_amount: number
  tax_amount: number
  settlement_amount: number
  fee_correction_amount: number
  reversal_amount: number
  release_amount: number
  return_amount: number
  fee_amount: number
  charge_amount: number
  credit_amount: number
  fee_refund_amount: number
  tax_refund_amount: number
  deposit_amount: number
  opening_debt_balance_amount: number
  closing_debt_balance_amount: number
}

export interface PayoutRecord {
  merchant: string
  payment_reference: string
  payout_date: string
  currency_code: string
  totals: Totals
  /** in the order they were recorded */
  transactions: LedgerTransaction[]
  /** creation order, for a stable sort among payouts of the same date */
  seq: number
}

/** Klarna's fees on each sale: `fee_rate` and `fee_vat_rate` in basis points (299 = 2.99 %), `fee_fixed` in minor units. */
export interface FeeRates {
  fee_rate: number
  fee_fixed: number
  fee_vat_rate: number
}

export const DEFAULT_FEE_RATES: Readonly<FeeRates> = Object.freeze({ fee_rate: 299, fee_fixed: 30, fee_vat_rate: 0 })

/** The order id Klarna has no order for (holdbacks, releases, charges not tied to a purchase). */
export const NO_ORDER_ID = "00000000-0000-0000-0000-000000000000"
