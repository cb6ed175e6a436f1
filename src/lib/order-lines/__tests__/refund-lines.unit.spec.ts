import { buildOrderLines } from "../build-order-lines"
import { authorizedLinesWithSources, fitRefundLines, refundLinesFor, returnLines } from "../refund-lines"
import { assertKlarnaArithmetic } from "../validate"
import type { KlarnaLineType } from "../types"
import { sekPromotionCart } from "./fixtures"

const line = (name: string, total_amount: number, type: KlarnaLineType = "physical") => ({
  type,
  name,
  quantity: 1,
  unit_price: total_amount,
  tax_rate: 2500,
  total_amount,
  total_discount_amount: 0,
  total_tax_amount: Math.round(total_amount / 5),
})

describe("refundLinesFor", () => {
  const lines = [line("Jacket", 129900), line("Sticker", 99), line("Shipping", 4900, "shipping_fee")]

  it("sends every line for a full refund", () => {
    expect(refundLinesFor(134899, lines)).toEqual(lines)
  })

  it("sends no lines for any other amount, even one equal to a single line (no item behind it)", () => {
    expect(refundLinesFor(4900, lines)).toBeUndefined()
    expect(refundLinesFor(129900, lines)).toBeUndefined()
    expect(refundLinesFor(5000, lines)).toBeUndefined()
    expect(refundLinesFor(100, undefined)).toBeUndefined()
  })
})

describe("returnLines", () => {
  const order = buildOrderLines(sekPromotionCart())

  it("returns units with the captured lines' unit price, discount share and tax; returns add up to the line", () => {
    const first = returnLines(order, {}, { cali_1: 1 })
    expect(first.order_lines).toEqual([
      { ...order.order_lines[0], quantity: 1, total_discount_amount: 500, total_amount: 2833, total_tax_amount: 567 },
    ])
    expect(first.amount).toBe(2833)
    const rest = returnLines(order, { cali_1: 1 }, { cali_1: 2, cali_2: 1 })
    assertKlarnaArithmetic(rest.order_lines, rest.amount, undefined, { amountField: "refunded_amount" })
    const line0 = order.order_lines[0]
    expect(first.order_lines[0].total_amount + rest.order_lines[0].total_amount).toBe(line0.total_amount)
    expect(first.order_lines[0].total_discount_amount! + rest.order_lines[0].total_discount_amount!).toBe(
      line0.total_discount_amount
    )
  })

  it("refuses more units than were bought", () => {
    expect(() => returnLines(order, { cali_2: 1 }, { cali_2: 1 })).toThrow(/exceeds/)
  })
})

describe("fitRefundLines", () => {
  const lines = [
    {
      ...line("Scarf", 0),
      quantity: 2,
      unit_price: 3333,
      total_discount_amount: 1000,
      total_amount: 5666,
      total_tax_amount: 1133,
    },
    line("Sticker", 99),
  ]

  it("keeps lines that already add up", () => {
    expect(fitRefundLines(lines, 5765)).toEqual(lines)
  })

  it("moves a rounding difference into the largest line's discount, unit price kept, tax recomputed", () => {
    const down = fitRefundLines(lines, 5764)!
    expect(down[0]).toMatchObject({ unit_price: 3333, total_discount_amount: 1001, total_amount: 5665 })
    assertKlarnaArithmetic(down, 5764, undefined, { amountField: "refunded_amount" })
    const up = fitRefundLines(lines, 5767)!
    expect(up[0]).toMatchObject({ total_discount_amount: 998, total_amount: 5668 })
    assertKlarnaArithmetic(up, 5767, undefined, { amountField: "refunded_amount" })
  })

  it("gives up (amount-only) when the difference is more than rounding or no discount can take it", () => {
    expect(fitRefundLines(lines, 5000)).toBeUndefined()
    expect(fitRefundLines([line("Sticker", 99)], 100)).toBeUndefined()
    expect(fitRefundLines([], 100)).toBeUndefined()
    expect(fitRefundLines(lines, 0)).toBeUndefined()
  })
})

describe("authorizedLinesWithSources", () => {
  const cart = sekPromotionCart()
  const built = buildOrderLines(cart)

  it("finds each Medusa item's line in Klarna's authorized lines by reference", () => {
    const found = authorizedLinesWithSources(built.order_lines, cart.items)!
    expect(found.sources.map((s) => s.kind)).toEqual(built.sources.map((s) => s.kind))
    expect(found.sources.filter((s) => s.kind === "item").map((s) => s.id)).toEqual(cart.items.map((i) => i.id))
    expect(returnLines(found, {}, { [cart.items[0].id]: 1 })).toEqual(returnLines(built, {}, { [cart.items[0].id]: 1 }))
  })

  it("gives up when a reference is shared or no line matches", () => {
    const twin = [
      { ...cart.items[0], variant_sku: "SAME" },
      { ...cart.items[1], variant_sku: "SAME" },
    ]
    expect(authorizedLinesWithSources(buildOrderLines({ ...cart, items: twin }).order_lines, twin)).toBeUndefined()
    expect(authorizedLinesWithSources(built.order_lines, [{ id: "x", variant_sku: "NOPE" }])).toBeUndefined()
    expect(authorizedLinesWithSources(undefined, cart.items)).toBeUndefined()
  })
})
