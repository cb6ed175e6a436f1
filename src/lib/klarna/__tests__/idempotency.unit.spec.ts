import { idempotencyKeyFor, KLARNA_IDEMPOTENCY_NAMESPACE } from "../idempotency"

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe("idempotencyKeyFor", () => {
  it("is a UUID v5, the same for the same input", () => {
    const a = idempotencyKeyFor("ful_01HXYZ")
    expect(a).toMatch(UUID_V5)
    expect(idempotencyKeyFor("ful_01HXYZ")).toBe(a)
    expect(idempotencyKeyFor("ful_01HXYZ", "capture")).toBe(idempotencyKeyFor("ful_01HXYZ", "capture"))
  })

  it("is pinned: changing the namespace or derivation would re-key stored operations", () => {
    expect(KLARNA_IDEMPOTENCY_NAMESPACE).toBe("4f0d6a1e-7c53-4b8e-9a51-2f6c3d8b7e10")
    expect(idempotencyKeyFor("ful_123")).toBe(PINNED.plain)
    expect(idempotencyKeyFor("ful_123", "capture")).toBe(PINNED.capture)
  })

  it("differs by id and by purpose", () => {
    const keys = new Set([
      idempotencyKeyFor("ful_1"),
      idempotencyKeyFor("ful_2"),
      idempotencyKeyFor("ful_1", "capture"),
      idempotencyKeyFor("ful_1", "shipping-info"),
      idempotencyKeyFor("ful_2", "capture"),
    ])
    expect(keys.size).toBe(5)
  })

  it("cannot be confused by separators in id or purpose", () => {
    expect(idempotencyKeyFor("c", "a:b")).not.toBe(idempotencyKeyFor("b:c", "a"))
    expect(idempotencyKeyFor("capture:ful_1")).not.toBe(idempotencyKeyFor("ful_1", "capture"))
  })

  it("rejects empty input", () => {
    expect(() => idempotencyKeyFor("")).toThrow(TypeError)
    expect(() => idempotencyKeyFor(undefined as never)).toThrow(TypeError)
    expect(() => idempotencyKeyFor("x", "")).toThrow(TypeError)
  })
})

const PINNED = {
  plain: "00d7806a-05e2-5323-9e79-4a403a5b9048",
  capture: "6f1925ca-f0c4-53cc-9012-4f34fd6a512a",
}
