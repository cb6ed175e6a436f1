import { expectedSettlementAmount, TransactionTotals, type TransactionTotalKey } from "../klarna/settlement-totals"
import type { KlarnaSettlementTransaction, PayoutDiscrepancy, PayoutTotals } from "./types"

/**
 * Do a payout's totals add up: every per-type total (sale_amount, fee_amount, …) to its
 * transactions, and the totals to settlement_amount (what reached the bank)? Together that is
 * "the transactions add up to the settlement". `sums` is fed page by page as transactions stream.
 */
export function totalsDiscrepancies(totals: PayoutTotals, sums: TransactionTotals): PayoutDiscrepancy[] {
  const problems: PayoutDiscrepancy[] = []
  for (const [field, summed] of Object.entries(sums.totals) as [TransactionTotalKey, number][]) {
    const reported = totals[field] ?? 0
    if (reported !== summed) {
      problems.push({
        kind: "totals_mismatch",
        message: `${field} is ${reported} but its transactions add up to ${summed} (minor units)`,
      })
    }
  }
  if (sums.unaccounted.length) {
    problems.push({
      kind: "totals_mismatch",
      message: `${sums.unaccounted.length} transaction(s) of a type no total counts (${[...new Set(sums.unaccounted)].join(", ")})`,
    })
  }
  const expected = expectedSettlementAmount(totals)
  if (totals.settlement_amount !== expected) {
    problems.push({
      kind: "totals_mismatch",
      message: `settlement_amount is ${totals.settlement_amount} but the totals add up to ${expected} (minor units)`,
    })
  }
  return problems
}

/** Running per-type sums of a payout's transactions (one small object, whatever their number). */
export const newTransactionSums = () => new TransactionTotals()

export const addTransaction = (sums: TransactionTotals, tx: Pick<KlarnaSettlementTransaction, "type" | "amount">) =>
  sums.add(tx)
