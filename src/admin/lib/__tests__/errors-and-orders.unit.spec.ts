import { describeFailure, errorToast, klarnaRefs } from "../errors"
import { fulfillmentSignature, mayBeKlarnaOrder } from "../klarna-order"

describe("error toasts carry Klarna's identifiers", () => {
  it("adds error_code and correlation_id to the message", () => {
    const t = errorToast("Extending the due date", {
      message: "The due date of this capture has already been extended.",
      klarna: {
        error_code: "NOT_ALLOWED",
        error_messages: ["The due date of this capture has already been extended."],
        correlation_id: "c-123",
      },
    })
    expect(t.title).toBe("Extending the due date failed")
    expect(t.description).toBe(
      "The due date of this capture has already been extended. — error_code NOT_ALLOWED · correlation_id c-123"
    )
  })

  it("keeps Klarna's messages that the message does not already say", () => {
    const t = errorToast("Capture", {
      message: "Klarna refused",
      klarna: { error_messages: ["Capture not allowed"], error_code: "CAPTURE_NOT_ALLOWED" },
    })
    expect(t.description).toBe("Klarna refused — Capture not allowed — error_code CAPTURE_NOT_ALLOWED")
  })

  it("works for plain errors", () => {
    expect(errorToast("Retrying captures", new Error("Failed to fetch")).description).toBe("Failed to fetch")
    expect(klarnaRefs(null)).toBe("")
  })

  it("describes a capture record's last error", () => {
    expect(describeFailure({ status: 403, error_messages: ["Order is expired"] })).toBe("Order is expired")
    expect(describeFailure({ status: null })).toBe("Klarna could not be reached")
    expect(describeFailure({ message: "Klarna refused capture HTTP 403 CAPTURE_NOT_ALLOWED" })).toMatch(
      /CAPTURE_NOT_ALLOWED/
    )
    expect(
      describeFailure({
        message: "Klarna refused createCapture HTTP 403 CAPTURE_NOT_ALLOWED: no (correlation_id c-9)",
        correlation_id: "c-9",
      })
    ).toBe("Klarna refused createCapture HTTP 403 CAPTURE_NOT_ALLOWED: no")
  })
})

describe("which orders the widget asks about", () => {
  it("skips orders whose loaded payments involve no Klarna provider", () => {
    expect(
      mayBeKlarnaOrder({
        payment_collections: [{ payments: [{ provider_id: "pp_system_default" }], payment_sessions: [] }],
      })
    ).toBe(false)
  })
  it("asks for Klarna orders and when payments were not loaded", () => {
    expect(mayBeKlarnaOrder({ payment_collections: [{ payments: [{ provider_id: "pp_klarna_klarna" }] }] })).toBe(true)
    expect(
      mayBeKlarnaOrder({ payment_collections: [{ payment_sessions: [{ provider_id: "pp_klarna_nordics" }] }] })
    ).toBe(true)
    expect(mayBeKlarnaOrder({})).toBe(true)
    expect(mayBeKlarnaOrder({ payment_collections: [{ payments: [] }] })).toBe(true)
  })
})

describe("when the panel looks again", () => {
  it("changes its signature when a fulfillment is created, shipped or canceled", () => {
    const a = fulfillmentSignature({ fulfillments: [{ id: "ful_1" }] })
    const b = fulfillmentSignature({ fulfillments: [{ id: "ful_1", shipped_at: "2026-01-01" }] })
    const c = fulfillmentSignature({ fulfillments: [{ id: "ful_1", shipped_at: "2026-01-01" }, { id: "ful_2" }] })
    expect(new Set([fulfillmentSignature({}), a, b, c]).size).toBe(4)
    expect(fulfillmentSignature({ fulfillments: [{ id: "ful_1", shipped_at: "2026-01-01" }] })).toBe(b)
  })
})
