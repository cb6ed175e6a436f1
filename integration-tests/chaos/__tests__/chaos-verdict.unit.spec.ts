import { deriveCalls, isCall, pathFor, templateOf } from "../klarna-calls"
import { judge, settled } from "../verdict"

const K = "kord-1"
const base = `/ordermanagement/v1/orders/${K}`

describe("deriveCalls", () => {
  it("turns a clean capture's log into call templates with occurrences, ignoring other orders and KP", () => {
    const calls = deriveCalls(
      [
        { method: "GET", path: base, status: 200 },
        { method: "POST", path: "/payments/v1/sessions", status: 200 },
        { method: "POST", path: `${base}/captures`, status: 201 },
        { method: "GET", path: `${base}/captures/cap-9`, status: 200 },
        { method: "GET", path: "/ordermanagement/v1/orders/other", status: 200 },
        { method: "GET", path: base, status: 200 },
      ],
      K
    )
    expect(calls.map((c) => c.label)).toEqual(["GET order", "POST captures", "GET captures/*", "GET order #2"])
    expect(calls[2].template).toBe("/ordermanagement/v1/orders/{order}/captures/*")
    expect(calls[3].occurrence).toBe(1)
    expect(pathFor(calls[2], "kord-2")).toBe("/ordermanagement/v1/orders/kord-2/captures/*")
    expect(
      isCall({ method: "GET", path: "/ordermanagement/v1/orders/kord-2/captures/x", status: 0 }, calls[2], "kord-2")
    ).toBe(true)
    expect(templateOf(`${base}x`, K)).toBeUndefined()
  })
})

describe("judge", () => {
  const expected = { amount: 11665, count: 2 }
  const ok = {
    klarna: { amount: 11665, count: 2 },
    medusa: { amount: 11665, count: 2 },
    expected,
    records: [{ status: "succeeded", amount: 5000 }],
  }

  it("passes when both books match what was shipped", () => {
    expect(judge(ok)).toEqual({ lost: false, doubled: false, silent: false, reasons: [] })
    expect(settled(ok)).toBe(true)
  })

  it("lost when either side captured less; doubled when more amount or more captures", () => {
    expect(judge({ ...ok, medusa: { amount: 5000, count: 1 } }).lost).toBe(true)
    const doubled = judge({ ...ok, medusa: { amount: 11665, count: 3 } })
    expect([doubled.doubled, doubled.lost]).toEqual([true, false])
    expect(judge({ ...ok, klarna: { amount: 23330, count: 2 } }).doubled).toBe(true)
  })

  it("silent: a succeeded record of 0, a refusal without a failed record, nothing visible before healing", () => {
    expect(judge({ ...ok, records: [{ status: "succeeded", amount: 0 }] }).silent).toBe(true)
    const refusal = {
      ...ok,
      expected: { amount: 0, count: 0, refusal: true },
      klarna: { amount: 0, count: 0 },
      medusa: { amount: 0, count: 0 },
    }
    expect(judge({ ...refusal, records: [] }).silent).toBe(true)
    expect(judge({ ...refusal, records: [{ status: "failed", amount: 100 }] }).silent).toBe(false)
    expect(settled({ ...refusal, records: [{ status: "pending", amount: 100 }] })).toBe(false)
    expect(judge({ ...ok, visibleBeforeHeal: false }).silent).toBe(true)
  })
})

describe("splitShipments", () => {
  const { splitShipments } = require("../harness")
  const order = {
    orderId: "o",
    klarnaOrderId: "k",
    paymentId: null,
    totalMinor: 0,
    lines: [
      { id: "a", sku: "A", quantity: 2 },
      { id: "b", sku: "B", quantity: 1 },
    ],
  }

  it("one shipment takes every line; n shipments split unit by unit, the last takes the rest", () => {
    expect(splitShipments(order, 1)).toEqual([
      [
        { id: "a", quantity: 2 },
        { id: "b", quantity: 1 },
      ],
    ])
    expect(splitShipments(order, 3)).toEqual([
      [{ id: "a", quantity: 1 }],
      [{ id: "a", quantity: 1 }],
      [{ id: "b", quantity: 1 }],
    ])
    expect(splitShipments(order, 2)).toEqual([
      [{ id: "a", quantity: 1 }],
      [
        { id: "a", quantity: 1 },
        { id: "b", quantity: 1 },
      ],
    ])
  })
})
