import type { OmOrderStatus, OrderLine } from "../../../../lib/klarna/types"
import { finalizeCapture, LAST_CAPTURE_ROUNDING_MINOR } from "../finalize-capture"

const klarna = (
  o: Partial<{
    status: OmOrderStatus
    order_amount: number
    captured_amount: number
    remaining_authorized_amount: number
  }> = {}
) => ({
  status: "AUTHORIZED" as OmOrderStatus,
  order_amount: 10000,
  captured_amount: 0,
  remaining_authorized_amount: 10000,
  purchase_currency: "SEK",
  ...o,
})
const lines: OrderLine[] = [
  {
    type: "physical",
    name: "Mug",
    quantity: 1,
    unit_price: 4000,
    tax_rate: 2500,
    total_amount: 4000,
    total_tax_amount: 800,
  },
]

describe("finalizeCapture (Klarna's order as it is when the capture is sent)", () => {
  it("sends the plan as planned when Klarna holds enough", () => {
    expect(finalizeCapture({ amount: 4000, order_lines: lines, completes_order: false }, klarna(), true)).toEqual({
      send: true,
      amount: 4000,
      order_lines: lines,
      completes_klarna_order: false,
    })
  })

  it("the capture completing the order takes Klarna's exact remainder once the others are settled", () => {
    const k = klarna({ status: "PART_CAPTURED", captured_amount: 6001, remaining_authorized_amount: 3999 })
    expect(finalizeCapture({ amount: 4000, order_lines: lines, completes_order: true }, k, true)).toMatchObject({
      amount: 3999,
      order_lines: null,
      completes_klarna_order: true,
    })
    // an earlier capture still open: it takes only its own part
    expect(finalizeCapture({ amount: 3000, order_lines: lines, completes_order: true }, k, false)).toMatchObject({
      amount: 3000,
      order_lines: lines,
      completes_klarna_order: false,
    })
  })

  it("cuts a plan above what Klarna still holds to it, by amount only", () => {
    const k = klarna({ status: "PART_CAPTURED", captured_amount: 8000, remaining_authorized_amount: 2000 })
    expect(finalizeCapture({ amount: 4000, order_lines: lines, completes_order: false }, k, true)).toMatchObject({
      amount: 2000,
      order_lines: null,
      completes_klarna_order: true,
    })
  })

  it.each([
    ["CANCELLED", klarna({ status: "CANCELLED", remaining_authorized_amount: 0 }), /is CANCELLED/],
    ["CLOSED", klarna({ status: "CLOSED", remaining_authorized_amount: 0 }), /is CLOSED/],
    [
      "released",
      klarna({ status: "CAPTURED", captured_amount: 3000, remaining_authorized_amount: 0 }),
      /released after 30.00 SEK of 100.00 SEK/,
    ],
    [
      "captured elsewhere",
      klarna({ status: "CAPTURED", captured_amount: 10000, remaining_authorized_amount: 0 }),
      /fully captured \(100.00 SEK\)/,
    ],
  ])("refuses, naming Klarna's state, when Klarna has nothing left (%s)", (_, k, message) => {
    const decision = finalizeCapture({ amount: 4000, order_lines: lines, completes_order: false }, k, true)
    expect(decision.send).toBe(false)
    expect(decision).toMatchObject({
      reason: "klarna_order_state",
      klarna_status: k.status,
      message: expect.stringMatching(message),
    })
  })

  describe("the last capture is bounded by its plan", () => {
    const partCaptured = (remaining: number) =>
      klarna({ status: "PART_CAPTURED", captured_amount: 10000 - remaining, remaining_authorized_amount: remaining })

    it("takes Klarna's remainder when it is at most rounding above the plan", () => {
      for (const extra of [1, LAST_CAPTURE_ROUNDING_MINOR]) {
        expect(
          finalizeCapture({ amount: 4000, order_lines: lines, completes_order: true }, partCaptured(4000 + extra), true)
        ).toMatchObject({ send: true, amount: 4000 + extra, order_lines: null, completes_klarna_order: true })
      }
      expect(
        finalizeCapture({ amount: 4000, order_lines: lines, completes_order: true }, partCaptured(4000), true)
      ).toMatchObject({ send: true, amount: 4000, order_lines: lines, completes_klarna_order: true })
    })

    it("refuses, naming both amounts, when Klarna holds more than rounding beyond the plan", () => {
      const decision = finalizeCapture(
        { amount: 4000, order_lines: lines, completes_order: true },
        partCaptured(4000 + LAST_CAPTURE_ROUNDING_MINOR + 1),
        true
      )
      expect(decision).toEqual({
        send: false,
        reason: "exceeds_plan",
        klarna_status: "PART_CAPTURED",
        message: expect.stringMatching(/holds 40\.04 SEK but this last capture is planned at 40\.00 SEK/),
      })
      // the whole order in one capture, Klarna holding twice as much: refused too
      expect(
        finalizeCapture({ amount: 5000, order_lines: lines, completes_order: true }, klarna(), true)
      ).toMatchObject({ send: false, reason: "exceeds_plan", klarna_status: "AUTHORIZED" })
    })

    it("a capture that does not complete the order takes its plan, whatever Klarna holds", () => {
      expect(
        finalizeCapture({ amount: 4000, order_lines: lines, completes_order: false }, klarna(), true)
      ).toMatchObject({ send: true, amount: 4000, completes_klarna_order: false })
      // the last one while an earlier capture is still open: its own part only
      expect(
        finalizeCapture({ amount: 4000, order_lines: lines, completes_order: true }, klarna(), false)
      ).toMatchObject({ send: true, amount: 4000, completes_klarna_order: false })
    })
  })

  it("sends to an expired order: Klarna answers with its own refusal", () => {
    expect(
      finalizeCapture({ amount: 4000, order_lines: lines, completes_order: false }, klarna({ status: "EXPIRED" }), true)
        .send
    ).toBe(true)
  })
})
