import type { KlarnaSettlementTransaction, PayoutDiscrepancy, PayoutTotals } from "./types"

/** +1: the type adds to what the merchant is paid; -1: it is deducted; 0: its own sign counts (corrections). */
const DIRECTION: Record<string, 1 | -1 | 0> = {
  SALE: 1,
  RELEASE: 1,
  FEE_REFUND: 1,
  CREDIT: 1,
  RETURN: -1,
  FEE: -1,
  REVERSAL: -1,
  REVERSAL_MERCHANT_PROTECTION: -1,
  HOLDBACK: -1,
  COMMISSION: -1,
  TAX: -1,
  CHARGE: -1,
  CORRECTION: 0,
}

/**
 * What a transaction does to the payout, in minor units. Klarna reports most amounts unsigned
 * and lets the type say the direction; a sign it does send is not counted twice.
 */
export function signedAmount(tx: Pick<KlarnaSettlementTransaction, "type" | "amount">): number {
  const direction = DIRECTION[tx.type] ?? 0
  return direction === 0 ? tx.amount : direction * Math.abs(tx.amount)
}

/** The per-type total each transaction type is reported under in a payout's totals. */
const TOTAL_OF_TYPE: Record<string, keyof PayoutTotals> = {
  SALE: "sale_amount",
  RETURN: "return_amount",
  FEE: "fee_amount",
  REVERSAL: "reversal_amount",
  HOLDBACK: "holdback_amount",
  RELEASE: "release_amount",
  COMMISSION: "commission_amount",
  CHARGE: "charge_amount",
  CREDIT: "credit_amount",
  FEE_REFUND: "fee_refund_amount",
}

/** Running sums of a payout's transactions (one small object, whatever the number of transactions). */
export interface PayoutSums {
  /** Σ signed amounts */
  net: number
  /** Σ |amount| per transaction type */
  byType: Record<string, number>
  count: number
}

export const emptySums = (): PayoutSums => ({ net: 0, byType: {}, count: 0 })

export function addToSums(sums: PayoutSums, tx: Pick<KlarnaSettlementTransaction, "type" | "amount">): PayoutSums {
  sums.net += signedAmount(tx)
  sums.byType[tx.type] = (sums.byType[tx.type] ?? 0) + Math.abs(tx.amount)
  sums.count += 1
  return sums
}

/**
 * What the payout should have paid: the transactions' net, less what went to repaying an earlier
 * debt to Klarna, plus what a negative net was carried into the debt balance with (then 0 is paid).
 */
export const expectedSettlement = (totals: PayoutTotals, sums: PayoutSums): number =>
  sums.net - (totals.repay_amount ?? 0) + (totals.deposit_amount ?? 0)

const money = (minor: number) => String(minor)

/** Do the payout's totals add up: each per-type total to its transactions, and all of them to settlement_amount? */
export function totalsDiscrepancies(totals: PayoutTotals, sums: PayoutSums): PayoutDiscrepancy[] {
  const problems: PayoutDiscrepancy[] = []
  for (const [type, field] of Object.entries(TOTAL_OF_TYPE)) {
    const reported = totals[field]
    const summed = sums.byType[type] ?? 0
    if (reported === undefined && summed === 0) continue
    if (Math.abs(reported ?? 0) !== summed) {
      problems.push({
        kind: "totals_mismatch",
        message: `${field} is ${money(reported ?? 0)} but the ${type} transactions add up to ${money(summed)}`,
      })
    }
  }
  const expected = expectedSettlement(totals, sums)
  if (totals.settlement_amount !== expected) {
    problems.push({
      kind: "totals_mismatch",
      message: `settlement_amount is ${money(totals.settlement_amount)} but the transactions add up to ${money(expected)}`,
    })
  }
  return problems
}
