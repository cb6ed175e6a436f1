import fc from "fast-check"
import { expectedSettlementAmount } from "../../src/lib/klarna"
import type { LedgerTransaction, TransactionType } from "../settlements-model"
import { dateParam, pageOf } from "../settlements-query"
import { ACCOUNTED_TYPES, payoutTotals, percentOf } from "../settlements-totals"

const tx = (type: TransactionType, amount: number) => ({ type, amount }) as LedgerTransaction

describe("payout totals", () => {
  it("pays out what the transactions net to when there is no debt", () => {
    const totals = payoutTotals(
      [tx("SALE", 10000), tx("FEE", 299), tx("RETURN", 1000), tx("HOLDBACK", 500), tx("RELEASE", 200)],
      0
    )
    expect(totals).toMatchObject({
      sale_amount: 10000,
      fee_amount: 299,
      return_amount: 1000,
      holdback_amount: 500,
      release_amount: 200,
      settlement_amount: 10000 - 299 - 1000 - 500 + 200,
      repay_amount: 0,
      deposit_amount: 0,
      closing_debt_balance_amount: 0,
    })
  })

  it("repays part of a debt larger than the payout and carries the rest", () => {
    expect(payoutTotals([tx("SALE", 300)], 500)).toMatchObject({
      settlement_amount: 0,
      opening_debt_balance_amount: 500,
      repay_amount: 300,
      deposit_amount: 0,
      closing_debt_balance_amount: 200,
    })
  })

  it("keeps its invariants and agrees with the client's settlement formula", () => {
    const transaction = fc.record({
      type: fc.constantFrom(...ACCOUNTED_TYPES),
      amount: fc.integer({ min: 1, max: 5_000_000 }),
    })
    fc.assert(
      fc.property(fc.array(transaction), fc.nat({ max: 10_000_000 }), (transactions, opening) => {
        const totals = payoutTotals(transactions as LedgerTransaction[], opening)
        expect(totals.settlement_amount).toBeGreaterThanOrEqual(0)
        expect(totals.closing_debt_balance_amount).toBeGreaterThanOrEqual(0)
        expect(totals.settlement_amount > 0 && totals.closing_debt_balance_amount > 0).toBe(false)
        expect(totals.closing_debt_balance_amount).toBe(opening - totals.repay_amount + totals.deposit_amount)
        expect(expectedSettlementAmount(totals)).toBe(totals.settlement_amount)
      })
    )
  })

  it("rounds percentage fees half up in integers", () => {
    expect(percentOf(2000, 299)).toBe(60) // 59.8
    expect(percentOf(50, 100)).toBe(1) // 0.5
    expect(percentOf(49, 100)).toBe(0) // 0.49
    expect(percentOf(12345, 0)).toBe(0)
  })
})

describe("Settlements API query parameters", () => {
  it("size 1..500 (default 20) and offset ≥ 0 (default 0)", () => {
    expect(pageOf({})).toEqual({ size: 20, offset: 0 })
    expect(pageOf({ size: "500", offset: "1000" })).toEqual({ size: 500, offset: 1000 })
    for (const query of <Record<string, string>[]>[
      { size: "501" },
      { size: "0" },
      { size: "1.5" },
      { size: "" },
      { offset: "-1" },
      { offset: "1e3" },
    ]) {
      expect(() => pageOf(query)).toThrow(/Bad value/)
    }
  })

  it("reads dates as Klarna does: a bare date is midnight UTC, a time without zone is UTC", () => {
    expect(dateParam("start_date", "2020-01-23")).toBe(Date.UTC(2020, 0, 23))
    expect(dateParam("start_date", "2020-01-23T10:30")).toBe(Date.UTC(2020, 0, 23, 10, 30))
    expect(dateParam("start_date", "2020-01-23T10:30:00+02:00")).toBe(Date.UTC(2020, 0, 23, 8, 30))
    expect(dateParam("start_date", undefined)).toBeUndefined()
    expect(() => dateParam("end_date", undefined, true)).toThrow(/end_date/)
    expect(() => dateParam("start_date", "23.01.2020")).toThrow(/start_date/)
    expect(() => dateParam("start_date", "2020-02-31")).toThrow(/start_date/)
    expect(() => dateParam("start_date", "2020-01-23T25:00:00Z")).toThrow(/start_date/)
    expect(dateParam("end_date", "2024-02-29T23:59:59Z")).toBe(Date.UTC(2024, 1, 29, 23, 59, 59))
  })
})
