import { transactionKeyer } from "../transaction-key"
import type { KlarnaSettlementTransaction } from "../types"

const fee = (over: Partial<KlarnaSettlementTransaction> = {}): KlarnaSettlementTransaction => ({
  type: "FEE",
  detailed_type: "PURCHASE_FEE_FIXED",
  amount: 100,
  currency_code: "SEK",
  purchase_country: "SE",
  sale_date: "2026-01-01T00:00:00Z",
  capture_date: "2026-01-02T00:00:00Z",
  order_id: "o1",
  capture_id: "c1",
  ...over,
})

describe("transaction keys", () => {
  it("are the same on every sync of the same payout", () => {
    const first = [fee(), fee({ detailed_type: "PURCHASE_FEE_PERCENTAGE" }), fee()].map(transactionKeyer("P1"))
    const again = [fee(), fee({ detailed_type: "PURCHASE_FEE_PERCENTAGE" }), fee()].map(transactionKeyer("P1"))
    expect(again).toEqual(first)
  })

  it("tell apart look-alike transactions, and the same transaction in another payout", () => {
    const keyer = transactionKeyer("P1")
    const keys = [keyer(fee()), keyer(fee()), keyer(fee({ amount: 101 }))]
    expect(new Set(keys).size).toBe(3)
    expect(transactionKeyer("P2")(fee())).not.toBe(keys[0])
  })
})
