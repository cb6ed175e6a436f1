import { buildCaptureLines, remainingAmount, remainingUnits } from "../capture-lines"
import { buildOrderLines } from "../build-order-lines"
import { assertKlarnaArithmetic } from "../validate"
import { item, sekPromotionCart, shipping } from "./fixtures"

describe("buildCaptureLines", () => {
  const order = buildOrderLines(sekPromotionCart())

  it("captures the SEK order in three shipments that add up exactly", () => {
    const first = buildCaptureLines({ order, alreadyCaptured: {}, toCapture: { cali_1: 1 }, includeShipping: true })
    expect(first.order_lines).toEqual([
      { ...order.order_lines[0], quantity: 1, total_discount_amount: 500, total_amount: 2833, total_tax_amount: 567 },
      order.order_lines[2],
    ])
    expect(first.captured_amount).toBe(2833 + 4900)
    expect(first.sources.map((s) => s.id)).toEqual(["cali_1", "casm_1"])
    expect(first.captured_units).toEqual({ cali_1: 1, cali_2: 0, casm_1: 1 })
    expect(first.completes_order).toBe(false)

    const second = buildCaptureLines({
      order,
      alreadyCaptured: first.captured_units,
      toCapture: { cali_1: 1, cali_2: 1 },
      includeShipping: true,
    })
    expect(second.order_lines).toEqual([
      { ...order.order_lines[0], quantity: 1, total_discount_amount: 500, total_amount: 2833, total_tax_amount: 566 },
      order.order_lines[1],
    ])
    expect(second.completes_order).toBe(false)

    const third = buildCaptureLines({
      order,
      alreadyCaptured: second.captured_units,
      toCapture: { cali_1: 1 },
      includeShipping: false,
    })
    expect(third.order_lines).toEqual([
      { ...order.order_lines[0], quantity: 1, total_discount_amount: 500, total_amount: 2833, total_tax_amount: 567 },
    ])
    expect(third.completes_order).toBe(true)
    expect(first.captured_amount + second.captured_amount + third.captured_amount).toBe(order.order_amount)
  })

  it("a single full capture equals the authorized lines", () => {
    const all = buildCaptureLines({
      order,
      alreadyCaptured: {},
      toCapture: { cali_1: 3, cali_2: 1 },
      includeShipping: true,
    })
    expect(all.order_lines).toEqual(order.order_lines)
    expect(all.captured_amount).toBe(order.order_amount)
    expect(all.completes_order).toBe(true)
  })

  it("spreads an uneven discount by cumulative rounding, whatever the split", () => {
    const o = buildOrderLines({
      currency_code: "EUR",
      country_code: "de",
      items: [item({ id: "x", quantity: 3, unit_price: 1, tax_lines: [{ rate: 19 }], original_total: 3, total: 2.9 })],
      shipping_methods: [],
      total: 2.9,
    })
    expect(o.order_lines[0]).toMatchObject({ unit_price: 100, total_discount_amount: 10, total_amount: 290 })
    const pieces = (splits: number[]) => {
      let captured: Record<string, number> = {}
      return splits.map((k) => {
        const r = buildCaptureLines({
          order: o,
          alreadyCaptured: captured,
          toCapture: { x: k },
          includeShipping: false,
        })
        captured = r.captured_units
        return r.order_lines[0].total_discount_amount
      })
    }
    expect(pieces([1, 1, 1])).toEqual([3, 4, 3]) // round(10/3)=3, round(20/3)=7, 10
    expect(pieces([2, 1])).toEqual([7, 3])
    expect(pieces([1, 2])).toEqual([3, 7])
  })

  it("US: the sales tax follows the taxed lines and adds up", () => {
    const us = buildOrderLines({
      currency_code: "USD",
      country_code: "us",
      items: [
        item({
          id: "taxed",
          quantity: 3,
          unit_price: 10,
          is_tax_inclusive: false,
          tax_lines: [{ rate: 10 }],
          subtotal: 30,
          original_total: 33,
          total: 33,
          tax_total: 3,
        }),
        item({
          id: "exempt",
          quantity: 1,
          unit_price: 50,
          is_tax_inclusive: false,
          tax_lines: [],
          subtotal: 50,
          original_total: 50,
          total: 50,
          tax_total: 0,
        }),
      ],
      shipping_methods: [
        shipping({
          id: "ship",
          amount: 5,
          is_tax_inclusive: false,
          tax_lines: [],
          subtotal: 5,
          total: 5,
          original_total: 5,
          tax_total: 0,
        }),
      ],
      total: 88,
      tax_total: 3,
    })
    const a = buildCaptureLines({ order: us, alreadyCaptured: {}, toCapture: { exempt: 1 }, includeShipping: true })
    expect(a.order_lines.map((l) => l.type)).toEqual(["physical", "shipping_fee"])
    expect(a.captured_amount).toBe(5500)
    const b = buildCaptureLines({
      order: us,
      alreadyCaptured: a.captured_units,
      toCapture: { taxed: 1 },
      includeShipping: true,
    })
    expect(b.order_lines.map((l) => [l.type, l.total_amount, l.total_tax_amount])).toEqual([
      ["physical", 1000, 0],
      ["sales_tax", 100, 100],
    ])
    const c = buildCaptureLines({
      order: us,
      alreadyCaptured: b.captured_units,
      toCapture: { taxed: 2 },
      includeShipping: false,
    })
    expect(c.order_lines[1]).toMatchObject({ type: "sales_tax", total_amount: 200 })
    expect(c.completes_order).toBe(true)
    expect(a.captured_amount + b.captured_amount + c.captured_amount).toBe(us.order_amount)
  })

  it("shipping is captured once, even when asked again", () => {
    const first = buildCaptureLines({ order, alreadyCaptured: {}, toCapture: { cali_2: 1 }, includeShipping: true })
    const second = buildCaptureLines({
      order,
      alreadyCaptured: first.captured_units,
      toCapture: { cali_1: 3 },
      includeShipping: true,
    })
    expect(second.sources.map((s) => s.kind)).toEqual(["item"])
    expect(second.completes_order).toBe(true)
  })

  it("is not complete while shipping is left uncaptured", () => {
    const r = buildCaptureLines({
      order,
      alreadyCaptured: {},
      toCapture: { cali_1: 3, cali_2: 1 },
      includeShipping: false,
    })
    expect(r.completes_order).toBe(false)
    expect(remainingUnits(order, r.captured_units)).toEqual({ cali_1: 0, cali_2: 0, casm_1: 1 })
    expect(remainingAmount(order, r.captured_units)).toBe(4900)
    const last = buildCaptureLines({ order, alreadyCaptured: r.captured_units, toCapture: {}, includeShipping: true })
    expect(last.captured_amount).toBe(4900)
    expect(last.completes_order).toBe(true)
  })

  it("remainingAmount is order_amount − what the captures took", () => {
    expect(remainingAmount(order, {})).toBe(order.order_amount)
    const r = buildCaptureLines({ order, alreadyCaptured: {}, toCapture: { cali_1: 2 }, includeShipping: true })
    expect(remainingAmount(order, r.captured_units)).toBe(order.order_amount - r.captured_amount)
    assertKlarnaArithmetic(r.order_lines, r.captured_amount, undefined, { amountField: "captured_amount" })
  })

  it.each<[string, Record<string, number>, Record<string, number>, boolean, RegExp]>([
    ["an unknown id", {}, { cali_404: 1 }, false, /toCapture: unknown item or shipping id cali_404/],
    ["an unknown captured id", { nope: 1 }, { cali_1: 1 }, false, /alreadyCaptured: unknown/],
    ["zero units", {}, { cali_1: 0 }, false, /toCapture\[cali_1\] must be an integer ≥ 1/],
    ["fractional units", {}, { cali_1: 1.5 }, false, /must be an integer/],
    ["more than the line has", { cali_1: 2 }, { cali_1: 2 }, false, /exceeds the line's quantity 3/],
    ["captured more than the line has", { cali_1: 4 }, { cali_2: 1 }, false, /alreadyCaptured\[cali_1\] = 4 exceeds/],
    ["nothing", {}, {}, false, /nothing to capture/],
    ["nothing left", { cali_1: 3, cali_2: 1, casm_1: 1 }, {}, true, /nothing to capture/],
  ])("refuses %s", (_, alreadyCaptured, toCapture, includeShipping, error) => {
    expect(() => buildCaptureLines({ order, alreadyCaptured, toCapture, includeShipping })).toThrow(error)
  })

  it("refuses mismatched order lines and sources", () => {
    expect(() =>
      buildCaptureLines({
        order: { order_lines: order.order_lines, sources: [] },
        alreadyCaptured: {},
        toCapture: { cali_1: 1 },
        includeShipping: false,
      })
    ).toThrow(/same length/)
  })
})
