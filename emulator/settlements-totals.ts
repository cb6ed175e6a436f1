import type { LedgerTransaction, Totals, TransactionType } from "./settlements-model"

type SummedTotal = Exclude<
  keyof Totals,
  | "settlement_amount"
  | "repay_amount"
  | "deposit_amount"
  | "opening_debt_balance_amount"
  | "closing_debt_balance_amount"
>

/** The total each type adds to; `in`: money paid to the merchant, `out`: money Klarna keeps. */
const TOTAL_OF: Record<TransactionType, { total: SummedTotal; direction: "in" | "out" } | undefined> = {
  SALE: { total: "sale_amount", direction: "in" },
  RELEASE: { total: "release_amount", direction: "in" },
  CREDIT: { total: "credit_amount", direction: "in" },
  FEE_REFUND: { total: "fee_refund_amount", direction: "in" },
  CORRECTION: { total: "fee_correction_amount", direction: "in" },
  RETURN: { total: "return_amount", direction: "out" },
  FEE: { total: "fee_amount", direction: "out" },
  TAX: { total: "tax_amount", direction: "out" },
  REVERSAL: { total: "reversal_amount", direction: "out" },
  HOLDBACK: { total: "holdback_amount", direction: "out" },
  COMMISSION: { total: "commission_amount", direction: "out" },
  CHARGE: { total: "charge_amount", direction: "out" },
  REVERSAL_MERCHANT_PROTECTION: undefined,
}

/** The types a payout's totals account for (the controls accept only these). */
export const ACCOUNTED_TYPES = (Object.keys(TOTAL_OF) as TransactionType[]).filter((t) => TOTAL_OF[t])

/**
 * A payout's totals. What the transactions net to is first used to repay the merchant's debt
 * with Klarna (`opening_debt_balance_amount`); when they net to less than the debt, nothing is
 * paid out (settlement 0) and the shortfall is the new debt (`closing_debt_balance_amount`),
 * its increase being `deposit_amount`. So, always:
 *   settlement = Σ in − Σ out − repay + deposit, and closing = opening − repay + deposit.
 */
export function payoutTotals(transactions: Iterable<LedgerTransaction>, openingDebt: number): Totals {
  const totals: Totals = {
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
    repay_amount: 0,
    deposit_amount: 0,
    settlement_amount: 0,
    opening_debt_balance_amount: openingDebt,
    closing_debt_balance_amount: 0,
  }
  let net = 0
  for (const t of transactions) {
    const rule = TOTAL_OF[t.type]
    if (!rule) continue
    totals[rule.total] += t.amount
    net += rule.direction === "in" ? t.amount : -t.amount
  }
  const afterDebt = net - openingDebt
  if (afterDebt >= 0) {
    totals.settlement_amount = afterDebt
    totals.repay_amount = openingDebt
  } else {
    const closing = -afterDebt
    totals.closing_debt_balance_amount = closing
    totals.repay_amount = Math.max(0, openingDebt - closing)
    totals.deposit_amount = Math.max(0, closing - openingDebt)
  }
  return totals
}

/** `amount × basis points / 10000`, rounded half up, in integers. */
export const percentOf = (amount: number, basisPoints: number) => Math.round((amount * basisPoints) / 10000)
