import { KLARNA_DESCRIPTION_MAX, klarnaRefundDescription } from "../refund-description"

describe("klarnaRefundDescription (what the admin said about a refund, as Klarna's description)", () => {
  it("is the reason's label and the note", () => {
    expect(klarnaRefundDescription({ reason: "Damaged", note: "The lid was cracked" })).toBe(
      "Damaged: The lid was cracked"
    )
    expect(klarnaRefundDescription({ reason: "Goodwill" })).toBe("Goodwill")
    expect(klarnaRefundDescription({ note: "late delivery" })).toBe("late delivery")
  })

  it("names what the refund is for first (a return, a canceled fulfillment)", () => {
    expect(klarnaRefundDescription({ subject: "Return return_01", reason: "Wrong size", note: null })).toBe(
      "Return return_01 — Wrong size"
    )
    expect(klarnaRefundDescription({ subject: "Return return_01" })).toBe("Return return_01")
  })

  it("is undefined when nothing was said", () => {
    expect(klarnaRefundDescription({})).toBeUndefined()
    expect(klarnaRefundDescription({ reason: " ", note: "\n\t" })).toBeUndefined()
  })

  it("turns control characters into single spaces", () => {
    expect(klarnaRefundDescription({ reason: "Damaged", note: "line one\r\nline two\u0000\u009f end" })).toBe(
      "Damaged: line one line two end"
    )
  })

  it("fits Klarna's 255 characters without splitting a character", () => {
    const note = "😀".repeat(300)
    const text = klarnaRefundDescription({ reason: "Goodwill", note })!
    expect(Array.from(text)).toHaveLength(KLARNA_DESCRIPTION_MAX)
    expect(text.endsWith("…")).toBe(true)
    expect(text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/)
    expect(klarnaRefundDescription({ note: "a".repeat(255) })).toBe("a".repeat(255))
  })
})
