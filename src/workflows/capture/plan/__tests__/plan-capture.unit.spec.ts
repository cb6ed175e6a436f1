import { sekPromotionCart } from "../../../../lib/order-lines/__tests__/fixtures"
import { sumMoney } from "../../../../lib/amounts"
import { assertKlarnaArithmetic } from "../../../../lib/order-lines"
import type { CaptureItem, CaptureStatus } from "../../types"
import { planCapture, unclaimedMinor } from "../plan-capture"

// the DESIGN.md cart as an order: 3 × 33.33 + 0.99, 15 % off, 49 shipping → 13483 öre authorized
const order = () => ({ id: "order_1", ...sekPromotionCart() })
const AUTHORIZED = 13483
const record = (
  r: Partial<{ items: CaptureItem[]; includes_shipping: boolean; status: CaptureStatus; amount: number }>
) => ({
  items: [],
  includes_shipping: false,
  status: "succeeded" as const,
  amount: 0,
  ...r,
})

describe("planCapture (Medusa's data alone)", () => {
  it("plans the first shipment with its lines and the shipping fee, the arithmetic intact", () => {
    const plan = planCapture({
      order: order(),
      authorizedMinor: AUTHORIZED,
      others: [],
      input: { items: [{ line_item_id: "cali_1", quantity: 1 }], clamp_to_remaining: true },
    })
    expect(plan.includes_shipping).toBe(true)
    expect(plan.items).toEqual(expect.arrayContaining([{ line_item_id: "cali_1", quantity: 1 }]))
    expect(plan.order_lines!.some((l) => l.type === "shipping_fee")).toBe(true)
    expect(() => assertKlarnaArithmetic(plan.order_lines!, plan.amount)).not.toThrow()
    expect(plan.completes_order).toBe(false)
  })

  it("splits the order into parts that add up to the authorization exactly; the last completes it", () => {
    const first = planCapture({
      order: order(),
      authorizedMinor: AUTHORIZED,
      others: [],
      input: { items: [{ line_item_id: "cali_1", quantity: 2 }] },
    })
    const others = [record({ items: first.items, includes_shipping: first.includes_shipping, amount: first.amount })]
    const last = planCapture({
      order: order(),
      authorizedMinor: AUTHORIZED,
      others,
      input: {
        items: [
          { line_item_id: "cali_1", quantity: 1 },
          { line_item_id: "cali_2", quantity: 1 },
        ],
      },
    })
    expect(last.includes_shipping).toBe(false)
    expect(last.completes_order).toBe(true)
    expect(first.amount + last.amount).toBe(AUTHORIZED)
  })

  it("refuses by hand what is not a line item of the order, or more units than are left, naming the field", () => {
    const others = [record({ items: [{ line_item_id: "cali_1", quantity: 3 }] })]
    expect(() =>
      planCapture({
        order: order(),
        authorizedMinor: AUTHORIZED,
        others: [],
        input: { items: [{ line_item_id: "nope", quantity: 1 }] },
      })
    ).toThrow(/items\[0\]\.line_item_id: nope is not a line item of order order_1/)
    expect(() =>
      planCapture({
        order: order(),
        authorizedMinor: AUTHORIZED,
        others,
        input: { items: [{ line_item_id: "cali_1", quantity: 1 }] },
      })
    ).toThrow(/items\[0\]\.quantity: only 0 unit\(s\) of cali_1 are left/)
  })

  it("a shipment of units already captured by hand captures only what is left; nothing left plans 0", () => {
    const others = [record({ items: [{ line_item_id: "cali_1", quantity: 2 }], includes_shipping: true })]
    const plan = planCapture({
      order: order(),
      authorizedMinor: AUTHORIZED,
      others,
      input: { items: [{ line_item_id: "cali_1", quantity: 3 }], clamp_to_remaining: true },
    })
    expect(plan.items).toEqual([{ line_item_id: "cali_1", quantity: 1 }])
    const all = [record({ items: [{ line_item_id: "cali_1", quantity: 3 }], includes_shipping: true })]
    expect(
      planCapture({
        order: order(),
        authorizedMinor: AUTHORIZED,
        others: all,
        input: { items: [{ line_item_id: "cali_1", quantity: 1 }], clamp_to_remaining: true },
      }).amount
    ).toBe(0)
  })

  it("canceled records hold nothing: their units and shipping are planned again", () => {
    const others = [
      record({ items: [{ line_item_id: "cali_1", quantity: 3 }], includes_shipping: true, status: "canceled" }),
    ]
    const plan = planCapture({
      order: order(),
      authorizedMinor: AUTHORIZED,
      others,
      input: { items: [{ line_item_id: "cali_1", quantity: 3 }] },
    })
    expect(plan.items.find((i) => i.line_item_id === "cali_1")?.quantity).toBe(3)
    expect(plan.includes_shipping).toBe(true)
  })

  it("leaves the lines out when the order no longer adds up to what Klarna authorized", () => {
    const plan = planCapture({
      order: order(),
      authorizedMinor: AUTHORIZED + 100,
      others: [],
      input: { items: [{ line_item_id: "cali_2", quantity: 1 }] },
    })
    expect(plan.order_lines).toBeNull()
    expect(plan.amount).toBeGreaterThan(0)
  })

  it("a capture by amount: exact minor units; rounding to 0 and more than is left are refused with the true reason", () => {
    expect(
      planCapture({ order: order(), authorizedMinor: AUTHORIZED, others: [], input: { amount: 10.005 } })
    ).toMatchObject({ amount: 1001, order_lines: null })
    expect(() =>
      planCapture({ order: order(), authorizedMinor: AUTHORIZED, others: [], input: { amount: 0.004 } })
    ).toThrow(/amount: 0.004 is less than the smallest unit of SEK \(it rounds to 0\)/)
    const others = [record({ amount: 13000 }), record({ amount: 400, status: "failed" })]
    expect(unclaimedMinor(AUTHORIZED, others)).toBe(483)
    expect(() => planCapture({ order: order(), authorizedMinor: AUTHORIZED, others, input: { amount: 5 } })).toThrow(
      /more than the authorization left to capture \(4.83\)/
    )
    expect(
      planCapture({ order: order(), authorizedMinor: AUTHORIZED, others, input: { amount: 4.83 } }).completes_order
    ).toBe(true)
  })

  it("a refund's credit line (the order's total lowered by a goodwill refund) does not change what is left to capture", () => {
    const first = planCapture({
      order: order(),
      authorizedMinor: AUTHORIZED,
      others: [],
      input: { items: [{ line_item_id: "cali_1", quantity: 2 }] },
    })
    const others = [record({ items: first.items, includes_shipping: first.includes_shipping, amount: first.amount })]
    const refunded = { ...order(), total: sumMoney([order().total, "-10"]), credit_line_total: 10 }
    // without the credit line added back the lines could not add up to the lowered total
    expect(() =>
      planCapture({
        order: { ...refunded, credit_line_total: 0 },
        authorizedMinor: AUTHORIZED,
        others,
        input: { items: [{ line_item_id: "cali_2", quantity: 1 }] },
      })
    ).toThrow(/credit lines/)
    const last = planCapture({
      order: refunded,
      authorizedMinor: AUTHORIZED,
      others,
      input: {
        items: [
          { line_item_id: "cali_1", quantity: 1 },
          { line_item_id: "cali_2", quantity: 1 },
        ],
      },
    })
    expect(last.completes_order).toBe(true)
    expect(first.amount + last.amount).toBe(AUTHORIZED)
    expect(last.order_lines).not.toBeNull()
    expect(() => assertKlarnaArithmetic(last.order_lines!, last.amount)).not.toThrow()
  })

  it("tolerates Medusa's duplicate order_item rows (and the totals they inflate): each line counts once", () => {
    const o = order()
    o.items = [...o.items, { ...o.items[0] }, { ...o.items[1] }]
    o.total = 2 * 134.833
    o.tax_total = 2 * 26.9666
    const plan = planCapture({
      order: o,
      authorizedMinor: AUTHORIZED,
      others: [],
      input: {
        items: [
          { line_item_id: "cali_1", quantity: 3 },
          { line_item_id: "cali_2", quantity: 1 },
        ],
      },
    })
    expect(plan.amount).toBe(AUTHORIZED)
    expect(plan.completes_order).toBe(true)
  })
})
