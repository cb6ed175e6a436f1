import { noteKlarnaCapture, noteKlarnaRefund } from "../klarna-ids"

describe("Klarna ids noted on the payment", () => {
  it("keeps earlier notes and adds this capture's and refund's Klarna id and amount", () => {
    const first = noteKlarnaCapture({ order_id: "k1" }, "capt_1", { capture_id: "c-1", amount: 1000 })
    const second = noteKlarnaCapture(first, "capt_2", { capture_id: "c-2", amount: 250 })
    const refunded = noteKlarnaRefund(second, "ref_1", { refund_id: "r-1", amount: 300 })
    expect(refunded).toEqual({
      order_id: "k1",
      klarna_captures: { capt_1: { id: "c-1", amount: 1000 }, capt_2: { id: "c-2", amount: 250 } },
      klarna_refunds: { ref_1: { id: "r-1", amount: 300 } },
    })
  })

  it("a retried capture (same Medusa id) keeps one note", () => {
    const once = noteKlarnaCapture({}, "capt_1", { capture_id: "c-1", amount: 1000 })
    expect(noteKlarnaCapture(once, "capt_1", { capture_id: "c-1", amount: 1000 })).toEqual(once)
  })
})
