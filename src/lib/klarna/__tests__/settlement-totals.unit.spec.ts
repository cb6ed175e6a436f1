import fc from "fast-check"
import {
  expectedSettlementAmount,
  signedAmount,
  TransactionTotals,
  type PayoutTotals,
  type SettlementTransactionType,
} from "../index"

const zeroTotals = (): PayoutTotals => ({
  sale_amount: 0,
  return_amount: 0,
  fee_amount: 0,
  tax_amount: 0,
  reversal_amount: 0,
  holdback_amount: 0,
  release_amount: 0,
  commission_amount: 0,
  repay_amount: 0,
  settlement_amount: 0,
  fee_correction_amount: 0,
  charge_amount: 0,
  credit_amount: 0,
  fee_refund_amount: 0,
  tax_refund_amount: 0,
  deposit_amount: 0,
  opening_debt_balance_amount: 0,
  closing_debt_balance_amount: 0,
})

describe("settlement totals", () => {
  it("settlement = sales − returns − fees − tax − reversals − holdback + release (no debt)", () => {
    const totals = {
      ...zeroTotals(),
      sale_amount: 10000,
      return_amount: 1500,
      fee_amount: 329,
      tax_amount: 82,
      reversal_amount: 700,
      holdback_amount: 1000,
      release_amount: 400,
    }
    expect(expectedSettlementAmount(totals)).toBe(10000 - 1500 - 329 - 82 - 700 - 1000 + 400)
  })

  it("debt repaid lowers the payout, debt taken on raises it to 0", () => {
    expect(expectedSettlementAmount({ ...zeroTotals(), sale_amount: 2000, repay_amount: 300 })).toBe(1700)
    expect(
      expectedSettlementAmount({ ...zeroTotals(), sale_amount: 1000, reversal_amount: 1300, deposit_amount: 300 })
    ).toBe(0)
  })

  it("optional totals absent count as 0", () => {
    const { tax_amount: _tax, fee_correction_amount: _correction, ...rest } = { ...zeroTotals(), sale_amount: 5 }
    expect(expectedSettlementAmount(rest as PayoutTotals)).toBe(5)
  })

  it("signs each type as money paid to the merchant (+) or kept by Klarna (−)", () => {
    const cases: [SettlementTransactionType, number][] = [
      ["SALE", 100],
      ["RELEASE", 100],
      ["CREDIT", 100],
      ["FEE_REFUND", 100],
      ["CORRECTION", 100],
      ["RETURN", -100],
      ["FEE", -100],
      ["TAX", -100],
      ["REVERSAL", -100],
      ["HOLDBACK", -100],
      ["COMMISSION", -100],
      ["CHARGE", -100],
      ["REVERSAL_MERCHANT_PROTECTION", 0],
    ]
    for (const [type, signed] of cases) expect([type, signedAmount({ type, amount: 100 })]).toEqual([type, signed])
  })

  it("adds transactions up per total; Σ signed amounts = the settlement of a debt-free payout", () => {
    const types: SettlementTransactionType[] = ["SALE", "RETURN", "FEE", "TAX", "REVERSAL", "HOLDBACK", "RELEASE"]
    fc.assert(
      fc.property(
        fc.array(fc.record({ type: fc.constantFrom(...types), amount: fc.integer({ min: 1, max: 10_000_000 }) })),
        (transactions) => {
          const sums = new TransactionTotals()
          let net = 0
          for (const t of transactions) {
            sums.add(t)
            net += signedAmount(t)
          }
          const totals = { ...zeroTotals(), ...sums.totals }
          expect(expectedSettlementAmount(totals)).toBe(net)
          expect(sums.totals.sale_amount).toBe(
            transactions.filter((t) => t.type === "SALE").reduce((s, t) => s + t.amount, 0)
          )
          expect(sums.unaccounted).toEqual([])
        }
      )
    )
  })

  it("lists transactions of a type without a total", () => {
    const sums = new TransactionTotals().add({ type: "REVERSAL_MERCHANT_PROTECTION", amount: 5 })
    expect(sums.unaccounted).toEqual(["REVERSAL_MERCHANT_PROTECTION"])
    expect(Object.values(sums.totals).every((v) => v === 0)).toBe(true)
  })
})
