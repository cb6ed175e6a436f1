import { allDiscrepancies, csvField, payoutCsv, type PayoutDetail } from "../payouts"

const payout: PayoutDetail = {
  payment_reference: "XISA93DJ",
  payout_date: "2026-12-07T00:00:00.000Z",
  currency_code: "SEK",
  sale_amount: 10700,
  return_amount: 0,
  fee_amount: 0,
  settlement_amount: 10700,
  transaction_count: 2,
  matched_count: 1,
  unmatched_count: 1,
  status: "discrepancies",
  discrepancies: [],
  transactions: [
    {
      type: "SALE",
      amount: 10000,
      currency_code: "SEK",
      order_id: "k1",
      capture_id: "c1",
      medusa_order_id: "order_1",
      medusa_order_display_id: 12,
      medusa_capture_id: "capt_1",
      medusa_refund_id: null,
      discrepancy: null,
    },
    {
      type: "SALE",
      amount: 700,
      currency_code: "SEK",
      order_id: "k1",
      capture_id: "c2",
      medusa_order_id: "order_1",
      medusa_order_display_id: 12,
      medusa_capture_id: null,
      medusa_refund_id: null,
      discrepancy: { kind: "unknown_transaction", message: 'Klarna capture c2, "portal"' },
    },
  ],
}

describe("payout CSV", () => {
  it("has a header and one row per transaction with its match", () => {
    const lines = payoutCsv(payout).trimEnd().split("\r\n")
    expect(lines).toHaveLength(3)
    expect(lines[0].split(",")).toContain("discrepancy_kind")
    expect(lines[1]).toBe("XISA93DJ,2026-12-07T00:00:00.000Z,SALE,,10000,SEK,k1,c1,,,order_1,12,capt_1,,,")
    expect(lines[2]).toContain('unknown_transaction,"Klarna capture c2, ""portal"""')
  })

  it("quotes separators and neutralizes spreadsheet formulas", () => {
    expect(csvField("a,b")).toBe('"a,b"')
    expect(csvField("=HYPERLINK(1)")).toBe(`"'=HYPERLINK(1)"`)
    expect(csvField(-5)).toBe("-5")
    expect(csvField(null)).toBe("")
  })

  it("lists the payout's discrepancies before its transactions'", () => {
    const withTotals = { ...payout, discrepancies: [{ kind: "totals_mismatch", message: "x" }] }
    expect(allDiscrepancies(withTotals).map((d) => d.kind)).toEqual(["totals_mismatch", "unknown_transaction"])
  })
})
