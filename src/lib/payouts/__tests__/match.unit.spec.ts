import { matchTransaction, payoutStatus } from "../match"
import type { KlarnaSettlementTransaction, MedusaKlarnaOrder } from "../types"

const order: MedusaKlarnaOrder = {
  klarna_order_id: "k-order-1",
  order_id: "order_01",
  display_id: 7,
  currency_code: "sek",
  captures: [
    { klarna_capture_id: "cap-1", medusa_capture_id: "capt_1", capture_record_id: "kcap_1", amount: 10000 },
    { klarna_capture_id: null, medusa_capture_id: "capt_2", capture_record_id: null, amount: 2500 },
  ],
  refunds: [
    { klarna_refund_id: "ref-1", medusa_refund_id: "ref_1", amount: 1500 },
    { klarna_refund_id: null, medusa_refund_id: "ref_2", amount: 300 },
  ],
}

const tx = (over: Partial<KlarnaSettlementTransaction>): KlarnaSettlementTransaction => ({
  type: "SALE",
  amount: 10000,
  currency_code: "SEK",
  purchase_country: "SE",
  sale_date: "2026-01-01T00:00:00Z",
  capture_date: "2026-01-02T00:00:00Z",
  order_id: "k-order-1",
  capture_id: "cap-1",
  ...over,
})

describe("matchTransaction", () => {
  it("matches a SALE to the Medusa capture with Klarna's capture id", () => {
    expect(matchTransaction(tx({}), order, "SEK")).toEqual({
      order_id: "order_01",
      order_display_id: 7,
      medusa_capture_id: "capt_1",
      medusa_refund_id: null,
      capture_record_id: "kcap_1",
      discrepancy: null,
    })
  })

  it("matches a SALE by the capture's reference when Medusa lacks the Klarna capture id", () => {
    const m = matchTransaction(
      tx({ capture_id: "cap-9", amount: 2500, merchant_capture_reference: "capt_2" }),
      order,
      "SEK"
    )
    expect(m.medusa_capture_id).toBe("capt_2")
    expect(m.discrepancy).toBeNull()
  })

  it("does not take a reference over a capture whose Klarna id is known and different", () => {
    const m = matchTransaction(tx({ capture_id: "cap-9", merchant_capture_reference: "capt_1" }), order, "SEK")
    expect(m.discrepancy?.kind).toBe("unknown_transaction")
    expect(m.order_id).toBe("order_01")
  })

  it("reports a capture made outside Medusa as an unknown transaction of the known order", () => {
    const m = matchTransaction(tx({ capture_id: "portal-capture" }), order, "SEK")
    expect(m.order_id).toBe("order_01")
    expect(m.order_display_id).toBe(7)
    expect(m.medusa_capture_id).toBeNull()
    expect(m.discrepancy).toEqual({ kind: "unknown_transaction", message: expect.stringContaining("portal-capture") })
  })

  it("reports a SALE of an amount other than the capture's", () => {
    const m = matchTransaction(tx({ amount: 9999 }), order, "SEK")
    expect(m.medusa_capture_id).toBe("capt_1")
    expect(m.discrepancy?.kind).toBe("amount_mismatch")
    expect(m.discrepancy?.message).toContain("9999")
    expect(m.discrepancy?.message).toContain("10000")
  })

  it("matches a RETURN to the Medusa refund by refund id, whatever the amount's sign", () => {
    const m = matchTransaction(tx({ type: "RETURN", capture_id: "", refund_id: "ref-1", amount: -1500 }), order, "SEK")
    expect(m.medusa_refund_id).toBe("ref_1")
    expect(m.discrepancy).toBeNull()
  })

  it("matches a RETURN by the refund's reference, and reports an amount that differs", () => {
    const ok = tx({ type: "RETURN", refund_id: "r-x", merchant_refund_reference: "ref_2", amount: 300 })
    expect(matchTransaction(ok, order, "SEK").medusa_refund_id).toBe("ref_2")
    const off = matchTransaction({ ...ok, amount: 301 }, order, "SEK")
    expect(off.discrepancy?.kind).toBe("amount_mismatch")
  })

  it("reports a RETURN Medusa does not know", () => {
    const m = matchTransaction(tx({ type: "RETURN", refund_id: "r-unknown" }), order, "SEK")
    expect(m.discrepancy?.kind).toBe("unknown_transaction")
  })

  it("reports a SALE of a Klarna order no Medusa order is paid with", () => {
    const m = matchTransaction(tx({ order_id: "k-other" }), undefined, "SEK")
    expect(m.order_id).toBeNull()
    expect(m.discrepancy?.kind).toBe("unknown_transaction")
  })

  it("matches a FEE to its order and capture without a discrepancy; an orderless fee is no discrepancy", () => {
    const fee = matchTransaction(tx({ type: "FEE", amount: 290 }), order, "SEK")
    expect(fee).toMatchObject({ order_id: "order_01", medusa_capture_id: "capt_1", discrepancy: null })
    expect(matchTransaction(tx({ type: "FEE", order_id: "k-x" }), undefined, "SEK").discrepancy).toBeNull()
  })

  it("reports a transaction in another currency than its payout, still naming its order", () => {
    const m = matchTransaction(tx({ currency_code: "EUR" }), order, "SEK")
    expect(m.discrepancy?.kind).toBe("currency_mismatch")
    expect(m.order_id).toBe("order_01")
  })

  it("reports a transaction in another currency than its Medusa order", () => {
    const m = matchTransaction(tx({ currency_code: "EUR" }), { ...order, currency_code: "eur" }, "EUR")
    expect(m.discrepancy).toBeNull()
    const m2 = matchTransaction(tx({}), { ...order, currency_code: "eur" }, "SEK")
    expect(m2.discrepancy?.kind).toBe("currency_mismatch")
  })
})

describe("payoutStatus", () => {
  it("is reconciled only without any discrepancy", () => {
    expect(payoutStatus(0, 0)).toBe("reconciled")
    expect(payoutStatus(1, 0)).toBe("discrepancies")
    expect(payoutStatus(0, 1)).toBe("discrepancies")
  })
})
