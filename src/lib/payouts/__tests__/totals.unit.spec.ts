import { addToSums, emptySums, expectedSettlement, signedAmount, totalsDiscrepancies } from "../totals"
import type { KlarnaSettlementTransaction, PayoutTotals } from "../types"

const t = (type: string, amount: number) => ({ type, amount }) as KlarnaSettlementTransaction

const sumsOf = (txs: KlarnaSettlementTransaction[]) => txs.reduce(addToSums, emptySums())

const payout = [t("SALE", 10000), t("SALE", 2500), t("FEE", 290), t("FEE", 110), t("RETURN", 1500)]
const totals: PayoutTotals = {
  sale_amount: 12500,
  fee_amount: 400,
  return_amount: 1500,
  settlement_amount: 10600,
}

describe("payout totals arithmetic", () => {
  it("signs amounts by type, and keeps a correction's own sign", () => {
    expect(signedAmount(t("SALE", 100))).toBe(100)
    expect(signedAmount(t("RETURN", 100))).toBe(-100)
    expect(signedAmount(t("RETURN", -100))).toBe(-100)
    expect(signedAmount(t("FEE", 30))).toBe(-30)
    expect(signedAmount(t("RELEASE", 50))).toBe(50)
    expect(signedAmount(t("HOLDBACK", 50))).toBe(-50)
    expect(signedAmount(t("CORRECTION", -7))).toBe(-7)
    expect(signedAmount(t("CORRECTION", 7))).toBe(7)
  })

  it("sums sales, returns and fees into the net", () => {
    const sums = sumsOf(payout)
    expect(sums.net).toBe(12500 - 400 - 1500)
    expect(sums.byType).toEqual({ SALE: 12500, FEE: 400, RETURN: 1500 })
    expect(sums.count).toBe(5)
  })

  it("finds nothing wrong with totals that add up", () => {
    expect(totalsDiscrepancies(totals, sumsOf(payout))).toEqual([])
  })

  it("reports a settlement amount the transactions do not add up to", () => {
    const problems = totalsDiscrepancies({ ...totals, settlement_amount: 10601 }, sumsOf(payout))
    expect(problems).toEqual([{ kind: "totals_mismatch", message: expect.stringContaining("10600") }])
  })

  it("reports a per-type total that differs from its transactions", () => {
    const problems = totalsDiscrepancies({ ...totals, fee_amount: 401, settlement_amount: 10600 }, sumsOf(payout))
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining("fee_amount is 401")])
  })

  it("reports transactions of a type whose total is missing", () => {
    const problems = totalsDiscrepancies(
      { ...totals, settlement_amount: 10600 - 50 },
      sumsOf([...payout, t("HOLDBACK", 50)])
    )
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining("holdback_amount is 0")])
  })

  it("accounts for debt: repaid debt is deducted, a negative net is carried as a deposit", () => {
    const sums = sumsOf([t("SALE", 1000), t("FEE", 50)])
    expect(expectedSettlement({ settlement_amount: 0, repay_amount: 200 }, sums)).toBe(750)
    const negative = sumsOf([t("SALE", 100), t("RETURN", 400)])
    const owed: PayoutTotals = { sale_amount: 100, return_amount: 400, deposit_amount: 300, settlement_amount: 0 }
    expect(totalsDiscrepancies(owed, negative)).toEqual([])
  })

  it("stays exact on large payouts", () => {
    const many = Array.from({ length: 10000 }, () => t("SALE", 999_999_99))
    const sums = sumsOf(many)
    expect(sums.net).toBe(999_999_990_000)
    expect(Number.isSafeInteger(sums.net)).toBe(true)
  })
})
