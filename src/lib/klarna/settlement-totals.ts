import type { PayoutTotals, SettlementTransaction, SettlementTransactionType } from "./settlements-types"

/** The totals that transactions add up to (the debt fields come from the payout, not from transactions). */
export type TransactionTotalKey = Exclude<
  keyof PayoutTotals,
  | "settlement_amount"
  | "repay_amount"
  | "deposit_amount"
  | "opening_debt_balance_amount"
  | "closing_debt_balance_amount"
>

/**
 * Which total a transaction type adds to, and in which direction the money moves for the merchant
 * (+1 paid to the merchant, −1 kept by Klarna). Amounts are positive; a CORRECTION carries its own
 * sign (positive in the merchant's favour).
 */
export const TRANSACTION_TOTALS: Readonly<
  Partial<Record<SettlementTransactionType, { total: TransactionTotalKey; sign: 1 | -1 }>>
> = {
  SALE: { total: "sale_amount", sign: 1 },
  RETURN: { total: "return_amount", sign: -1 },
  FEE: { total: "fee_amount", sign: -1 },
  TAX: { total: "tax_amount", sign: -1 },
  REVERSAL: { total: "reversal_amount", sign: -1 },
  HOLDBACK: { total: "holdback_amount", sign: -1 },
  RELEASE: { total: "release_amount", sign: 1 },
  COMMISSION: { total: "commission_amount", sign: -1 },
  CHARGE: { total: "charge_amount", sign: -1 },
  CREDIT: { total: "credit_amount", sign: 1 },
  FEE_REFUND: { total: "fee_refund_amount", sign: 1 },
  CORRECTION: { total: "fee_correction_amount", sign: 1 },
}

/** The money a transaction moves for the merchant: + paid out, − kept; 0 for a type with no total. */
export function signedAmount(transaction: Pick<SettlementTransaction, "type" | "amount">): number {
  const rule = TRANSACTION_TOTALS[transaction.type]
  return rule ? rule.sign * transaction.amount : 0
}

/** Adds transactions up per total, as Klarna fills a payout's totals; feed it page by page. */
export class TransactionTotals {
  readonly totals: Record<TransactionTotalKey, number> = {
    sale_amount: 0,
    return_amount: 0,
    fee_amount: 0,
    tax_amount: 0,
    reversal_amount: 0,
    holdback_amount: 0,
    release_amount: 0,
    commission_amount: 0,
    charge_amount: 0,
    credit_amount: 0,
    fee_refund_amount: 0,
    tax_refund_amount: 0,
    fee_correction_amount: 0,
  }
  /** transactions of a type that has no total (e.g. REVERSAL_MERCHANT_PROTECTION) */
  readonly unaccounted: SettlementTransaction["type"][] = []

  add(transaction: Pick<SettlementTransaction, "type" | "amount">): this {
    const rule = TRANSACTION_TOTALS[transaction.type]
    if (rule) this.totals[rule.total] += transaction.amount
    else this.unaccounted.push(transaction.type)
    return this
  }
}

/**
 * What `settlement_amount` must be for the other totals: everything paid to the merchant minus
 * everything kept, less the debt repaid from this payout, plus the debt taken on (a payout whose
 * deductions exceed its sales pays 0 and grows the debt: `deposit_amount`).
 */
export function expectedSettlementAmount(t: PayoutTotals): number {
  return (
    t.sale_amount -
    t.return_amount -
    t.fee_amount -
    (t.tax_amount ?? 0) -
    t.reversal_amount -
    t.holdback_amount +
    t.release_amount -
    t.commission_amount -
    t.charge_amount +
    t.credit_amount +
    t.fee_refund_amount +
    t.tax_refund_amount +
    (t.fee_correction_amount ?? 0) -
    t.repay_amount +
    t.deposit_amount
  )
}
