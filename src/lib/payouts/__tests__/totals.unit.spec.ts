import { addTransaction, newTransactionSums, totalsDiscrepancies } from "../totals"
import type { KlarnaSettlementTransaction, PayoutTotals } from "../types"

const t = (type: string, amount: number) => ({ type, amount }) as KlarnaSettlementTransaction
const sumsOf = (txs: KlarnaSettlementTransaction[]) => {
  const sums = newTransactionSums()
  txs.forEach((tx) => addTransaction(sums, tx))
  return sums
}

const zero: PayoutTotals = {
  sale_amount: 0,
  return_amount: 0,
  fee_amount: 0,
  reversal_amount: 0,
  holdback_amount: 0,
  release_amount: 0,
  commission_amount: 0,
  repay_amount: 0,
  settlement_amount: 0,
  charge_amount: 0,
  credit_amount: 0,
  fee_refund_amount: 0,
  tax_refund_amount: 0,
  deposit_amount: 0,
  opening_debt_balance_amount: 0,
  closing_debt_balance_amount: 0,
}

const payout = [t("SALE", 10000), t("SALE", 2500), t("FEE", 290), t("FEE", 110), t("RETURN", 1500)]
const totals: PayoutTotals = {
  ...zero,
  sale_amount: 12500,
  fee_amount: 400,
  return_amount: 1500,
  settlement_amount: 10600,
}

describe("payout totals arithmetic", () => {
  it("finds nothing wrong with totals that add up", () => {
    expect(totalsDiscrepancies(totals, sumsOf(payout))).toEqual([])
  })

  it("reports a settlement amount the totals do not add up to", () => {
    const problems = totalsDiscrepancies({ ...totals, settlement_amount: 10601 }, sumsOf(payout))
    expect(problems).toEqual([{ kind: "totals_mismatch", message: expect.stringContaining("add up to 10600") }])
  })

  it("reports a per-type total that differs from its transactions", () => {
    const problems = totalsDiscrepancies({ ...totals, fee_amount: 401, settlement_amount: 10599 }, sumsOf(payout))
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining("fee_amount is 401 but its transactions add up to 400"),
    ])
  })

  it("reports transactions whose type has no total in the payout", () => {
    const problems = totalsDiscrepancies(totals, sumsOf([...payout, t("HOLDBACK", 50)]))
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining("holdback_amount is 0")])
  })

  it("accounts for debt: repaid debt is deducted, a negative net is carried as a deposit", () => {
    const repaid = { ...zero, sale_amount: 1000, fee_amount: 50, repay_amount: 200, settlement_amount: 750 }
    expect(totalsDiscrepancies(repaid, sumsOf([t("SALE", 1000), t("FEE", 50)]))).toEqual([])
    const owed = { ...zero, sale_amount: 100, return_amount: 400, deposit_amount: 300, settlement_amount: 0 }
    expect(totalsDiscrepancies(owed, sumsOf([t("SALE", 100), t("RETURN", 400)]))).toEqual([])
  })

  it("stays exact on large payouts", () => {
    const many = Array.from({ length: 10000 }, () => t("SALE", 99_999_999))
    const big = { ...zero, sale_amount: 999_999_990_000, settlement_amount: 999_999_990_000 }
    expect(totalsDiscrepancies(big, sumsOf(many))).toEqual([])
    expect(totalsDiscrepancies({ ...big, settlement_amount: 999_999_989_999 }, sumsOf(many))).toHaveLength(1)
  })
})
