import type { OmOrderStatus } from "../../../../lib/klarna/types"
import type { OrderLinesResult } from "../../../../lib/order-lines"
import { mayNeedFollowUp, nothingLeftToShip, planOrderChange, type OrderChangeInput } from "../plan-order-change"

const line = (name: string, quantity: number, unit: number) => ({
  type: "physical" as const,
  name,
  quantity,
  unit_price: unit,
  tax_rate: 2500,
  total_amount: quantity * unit,
  total_discount_amount: 0,
  total_tax_amount: Math.round((quantity * unit) / 5),
})

/** jacket ×1 (1299.00), scarf ×n (33.33), shipping 49.00 */
function lines(scarves: number): OrderLinesResult {
  const order_lines = [
    line("Jacket", 1, 129900),
    line("Scarf", scarves, 3333),
    { ...line("Shipping", 1, 4900), type: "shipping_fee" as const },
  ].filter((l) => l.quantity > 0)
  const sources = [
    { kind: "item" as const, id: "item_jacket" },
    ...(scarves ? [{ kind: "item" as const, id: "item_scarf" }] : []),
    { kind: "shipping" as const, id: "sm_1" },
  ]
  return {
    order_lines,
    sources,
    order_amount: order_lines.reduce((s, l) => s + l.total_amount, 0),
    order_tax_amount: order_lines.reduce((s, l) => s + l.total_tax_amount, 0),
  }
}

const klarna = (
  order_amount: number,
  captured = 0,
  status: OmOrderStatus = captured ? "PART_CAPTURED" : "AUTHORIZED"
) => ({
  status,
  fraud_status: "ACCEPTED" as const,
  order_amount,
  captured_amount: captured,
  remaining_authorized_amount: order_amount - captured,
})

const base = (over: Partial<OrderChangeInput>): OrderChangeInput => ({
  klarna: klarna(129900 + 7 * 3333 + 4900),
  lines: lines(3),
  records: [],
  collections: [],
  ...over,
})

describe("planOrderChange", () => {
  it("an edit down before shipping: the authorization follows, Medusa's new collection is carried over", () => {
    const plan = planOrderChange(
      base({
        collections: [
          {
            id: "pc_old",
            status: "canceled",
            amount: 158131,
            captured: 0,
            medusa_amount: "158131",
            medusa_captured: "0",
            paid_by_klarna: false,
          },
          {
            id: "pc_new",
            status: "not_paid",
            amount: 144799,
            captured: 0,
            medusa_amount: "144799",
            medusa_captured: "0",
            paid_by_klarna: false,
          },
        ],
      })
    )
    expect(plan.update).toEqual({ order_amount: 144799, order_lines: lines(3).order_lines })
    expect(plan.release).toBe(false)
    expect(plan.carry_over).toEqual([{ collection_id: "pc_new", amount: 144799, medusa_amount: "144799" }])
    expect(plan.settle).toEqual([])
  })

  it("a second run after everything was done plans nothing", () => {
    const plan = planOrderChange(
      base({
        klarna: klarna(144799),
        collections: [
          {
            id: "pc_old",
            status: "canceled",
            amount: 158131,
            captured: 0,
            medusa_amount: "158131",
            medusa_captured: "0",
            paid_by_klarna: false,
          },
          {
            id: "pc_new",
            status: "authorized",
            amount: 144799,
            captured: 0,
            medusa_amount: "144799",
            medusa_captured: "0",
            paid_by_klarna: true,
          },
        ],
      })
    )
    expect(plan).toEqual({ update: null, release: false, carry_over: [], settle: [] })
  })

  it("between shipments: a partly captured collection Medusa closed keeps only what it captured", () => {
    const plan = planOrderChange(
      base({
        klarna: klarna(129900 + 7 * 3333 + 4900, 134800),
        records: [{ items: [{ line_item_id: "item_jacket", quantity: 1 }], includes_shipping: true }],
        collections: [
          {
            id: "pc_old",
            status: "partially_captured",
            amount: 158131,
            captured: 1348,
            medusa_amount: "158131",
            medusa_captured: "1348",
            paid_by_klarna: false,
          },
          {
            id: "pc_new",
            status: "not_paid",
            amount: 99.99,
            captured: 0,
            medusa_amount: "99.99",
            medusa_captured: "0",
            paid_by_klarna: false,
          },
        ],
      })
    )
    expect(plan.update?.order_amount).toBe(144799)
    expect(plan.settle).toEqual([{ collection_id: "pc_old", medusa_amount: "1348" }])
    expect(plan.carry_over).toHaveLength(1)
  })

  it("an edit removing everything unshipped: no update, the rest is released, Medusa's collection settles at its captures", () => {
    const shipped = [{ items: [{ line_item_id: "item_jacket", quantity: 1 }], includes_shipping: true }]
    expect(nothingLeftToShip(lines(0), shipped)).toBe(true)
    expect(nothingLeftToShip(lines(1), shipped)).toBe(false)
    const plan = planOrderChange(
      base({
        klarna: klarna(129900 + 3333 + 4900, 134800),
        lines: lines(0),
        records: shipped,
        collections: [
          {
            id: "pc",
            status: "authorized",
            amount: 1381.33,
            captured: 1348,
            medusa_amount: "1381.33",
            medusa_captured: "1348",
            paid_by_klarna: true,
          },
        ],
      })
    )
    expect(plan).toEqual({
      update: null,
      release: true,
      carry_over: [],
      settle: [{ collection_id: "pc", medusa_amount: "1348" }],
    })
  })

  it("everything shipped but a capture still pending: nothing is released until it is captured", () => {
    const records = [
      { items: [{ line_item_id: "item_jacket", quantity: 1 }], includes_shipping: true, status: "succeeded" },
      { items: [{ line_item_id: "item_scarf", quantity: 1 }], includes_shipping: false, status: "pending" },
    ]
    const input = base({ klarna: klarna(129900 + 3333 + 4900, 134800), lines: lines(1), records })
    expect(nothingLeftToShip(input.lines, records)).toBe(true)
    expect(planOrderChange(input).release).toBe(false)
    const captured = records.map((r) => ({ ...r, status: "succeeded" }))
    expect(planOrderChange({ ...input, records: captured }).release).toBe(true)
  })

  it("never asks Klarna below what it captured, and leaves a cancelled or pending Klarna order alone", () => {
    expect(planOrderChange(base({ klarna: klarna(158131, 150000), lines: lines(1) })).update).toBeNull()
    expect(planOrderChange(base({ klarna: { ...klarna(158131), status: "CANCELLED" as const } })).update).toBeNull()
    expect(planOrderChange(base({ klarna: { ...klarna(158131), fraud_status: "PENDING" } })).update).toBeNull()
  })
})

describe("mayNeedFollowUp (after a capture, before reading Klarna)", () => {
  const total = 129900 + 3 * 3333 + 4900
  const jacket = { items: [{ line_item_id: "item_jacket", quantity: 1 }], includes_shipping: true }
  const scarves = { items: [{ line_item_id: "item_scarf", quantity: 3 }], includes_shipping: false }
  const paid = (captured: number, status = "authorized") => ({
    id: "pc",
    status,
    amount: total,
    captured,
    medusa_amount: String(total),
    medusa_captured: String(captured),
    paid_by_klarna: true,
  })

  it("a plain shipment between others, and the last one that took Klarna's remainder: nothing to follow", () => {
    const first = [{ ...jacket, status: "succeeded", amount: 134800 }]
    expect(mayNeedFollowUp({ lines: lines(3), records: first, collections: [paid(134800)], authorized: total })).toBe(
      false
    )
    const all = [...first, { ...scarves, status: "succeeded", amount: 9999 }]
    expect(
      mayNeedFollowUp({ lines: lines(3), records: all, collections: [paid(total, "completed")], authorized: total })
    ).toBe(false)
  })

  it("the last shipment captured less than Klarna holds: follow (release the rest)", () => {
    const all = [
      { ...jacket, status: "succeeded", amount: 134800 },
      { ...scarves, status: "succeeded", amount: 9999 },
    ]
    expect(mayNeedFollowUp({ lines: lines(3), records: all, collections: [], authorized: total + 3333 })).toBe(true)
  })

  it("the order's lines differ from what Klarna authorized (an update not yet made): follow", () => {
    expect(mayNeedFollowUp({ lines: lines(2), records: [], collections: [], authorized: total })).toBe(true)
  })

  it("a collection Medusa opened that Klarna does not pay yet, or one Medusa closed above its captures: follow", () => {
    const open = { ...paid(0, "not_paid"), id: "pc_new", paid_by_klarna: false }
    expect(mayNeedFollowUp({ lines: lines(3), records: [], collections: [open], authorized: total })).toBe(true)
    const closed = { ...paid(134800, "canceled"), paid_by_klarna: false }
    expect(mayNeedFollowUp({ lines: lines(3), records: [], collections: [closed], authorized: total })).toBe(true)
  })
})
