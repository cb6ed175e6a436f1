import fc from "fast-check"
import { buildCaptureLines, remainingAmount } from "../capture-lines"
import { buildOrderLines } from "../build-order-lines"
import type { KlarnaOrderLine, LineItemSource, OrderLinesSource, ShippingMethodSource } from "../types"
import { assertKlarnaArithmetic } from "../validate"

/** Exact decimals for building Medusa-like totals independently of the code under test. */
type Dec = { c: bigint; s: number }
const dec = (text: string): Dec => {
  const [i, f = ""] = text.split(".")
  return { c: BigInt(i + f), s: f.length }
}
const align = (a: Dec, b: Dec): [bigint, bigint, number] => {
  const s = Math.max(a.s, b.s)
  return [a.c * 10n ** BigInt(s - a.s), b.c * 10n ** BigInt(s - b.s), s]
}
const plus = (a: Dec, b: Dec): Dec => {
  const [x, y, s] = align(a, b)
  return { c: x + y, s }
}
const minus = (a: Dec, b: Dec): Dec => {
  const [x, y, s] = align(a, b)
  return { c: x - y, s }
}
const times = (a: Dec, b: Dec): Dec => ({ c: a.c * b.c, s: a.s + b.s })
const pct = (p: string): Dec => times(dec(p), dec("0.01"))
const str = ({ c, s }: Dec): string => {
  const neg = c < 0n
  const d = (neg ? -c : c).toString().padStart(s + 1, "0")
  return (neg ? "-" : "") + d.slice(0, d.length - s) + (s ? "." + d.slice(d.length - s) : "")
}
/** round half away from zero to `exp` decimals, as an integer of minor units */
const toMinor = (a: Dec, exp: number): number => {
  const shift = a.s - exp
  if (shift <= 0) return Number(a.c * 10n ** BigInt(-shift))
  const den = 10n ** BigInt(shift)
  const abs = a.c < 0n ? -a.c : a.c
  const q = (abs * 2n + den) / (2n * den)
  return Number(a.c < 0n ? -q : q)
}

const CURRENCIES = [
  { code: "EUR", exp: 2, country: "de" },
  { code: "sek", exp: 2, country: "SE" },
  { code: "USD", exp: 2, country: "US" },
  { code: "USD", exp: 2, country: "us" },
  { code: "JPY", exp: 0, country: "jp" },
  { code: "KWD", exp: 3, country: "kw" },
  { code: "GBP", exp: 2, country: null },
]
const RATES = ["0", "6", "7.7", "8.875", "10", "12", "19", "20", "21", "25"]

const rate = fc.oneof(fc.constantFrom(...RATES), fc.integer({ min: 0, max: 25 }).map(String))
const discount = fc.oneof(
  fc.constant("0"),
  fc.constantFrom("10", "15", "20", "33", "50", "100"),
  fc.integer({ min: 0, max: 100 }).map(String)
)
const form = fc.constantFrom("string", "number", "raw", "bignumber")

const itemArb = fc.record({
  q: fc.integer({ min: 1, max: 20 }),
  unitMinor: fc.oneof(fc.integer({ min: 0, max: 200000 }), fc.integer({ min: 0, max: 300 })),
  rate,
  discount,
  inclusive: fc.boolean(),
  digital: fc.boolean(),
})
const shippingArb = fc.record({
  amountMinor: fc.integer({ min: 0, max: 20000 }),
  rate,
  discount: fc.constantFrom("0", "0", "100", "50"),
})

const cartArb = fc.record({
  currency: fc.constantFrom(...CURRENCIES),
  items: fc.array(itemArb, { minLength: 1, maxLength: 15 }),
  shipping: fc.array(shippingArb, { minLength: 0, maxLength: 2 }),
  cartDiscount: fc.option(discount, { nil: undefined }),
  forms: fc.array(form, { minLength: 8, maxLength: 8 }),
  captures: fc.integer({ min: 1, max: 5 }),
  assign: fc.array(fc.nat({ max: 4 }), { minLength: 64, maxLength: 64 }),
})
type Cart = typeof cartArb extends fc.Arbitrary<infer T> ? T : never

function money(value: Dec, kind: string): LineItemSource["total"] {
  const text = str(value)
  switch (kind) {
    case "number":
      return Number(text) // ≤ 15 significant digits here, so String(Number(text)) is exact
    case "raw":
      return { value: text, precision: 20 }
    case "bignumber":
      return { numeric: Number(text), raw: { value: text, precision: 20 }, toJSON: () => Number(text) } as never
    default:
      return text
  }
}

/** Medusa-style totals: exact, with fractions below the minor unit. */
function medusaCart(cart: Cart): { source: OrderLinesSource; expectedAmount: number; expectedSalesTax: number } {
  const { currency, forms } = cart
  const us = (currency.country ?? "").toLowerCase() === "us"
  const f = (i: number) => forms[i % forms.length]
  let total = dec("0")
  let tax = dec("0")
  const line = (unit: Dec, q: number, r: string, d: string, inclusive: boolean, k: number) => {
    const qd = dec(String(q))
    const mult = plus(dec("1"), pct(r))
    const keep = minus(dec("1"), pct(d))
    if (us) {
      const subtotal = times(unit, qd)
      const pretax = times(subtotal, keep)
      const t = times(pretax, pct(r))
      const lineTotal = plus(pretax, t)
      total = plus(total, lineTotal)
      tax = plus(tax, t)
      return {
        is_tax_inclusive: false,
        subtotal: money(subtotal, f(k)),
        original_total: money(times(subtotal, mult), f(k + 1)),
        total: money(lineTotal, f(k + 2)),
        tax_total: money(t, f(k + 3)),
      }
    }
    const original = inclusive ? times(unit, qd) : times(times(unit, qd), mult)
    const lineTotal = times(original, keep)
    total = plus(total, lineTotal)
    return { is_tax_inclusive: inclusive, original_total: money(original, f(k)), total: money(lineTotal, f(k + 1)) }
  }
  const minorDec = (m: number): Dec => ({ c: BigInt(m), s: currency.exp })
  const items: LineItemSource[] = cart.items.map((it, i) => ({
    id: `item_${i}`,
    title: `Item ${i}`,
    quantity: it.q,
    unit_price: money(minorDec(it.unitMinor), f(i)),
    is_giftcard: it.digital && i % 2 === 0,
    requires_shipping: it.digital ? false : true,
    tax_lines: [{ rate: money(dec(it.rate), f(i + 1)) }],
    ...line(minorDec(it.unitMinor), it.q, it.rate, cart.cartDiscount ?? it.discount, it.inclusive, i),
  }))
  const shipping_methods: ShippingMethodSource[] = cart.shipping.map((s, i) => ({
    id: `ship_${i}`,
    name: `Shipping ${i}`,
    amount: str(minorDec(s.amountMinor)),
    tax_lines: s.rate === "0" ? [] : [{ rate: s.rate }],
    ...line(minorDec(s.amountMinor), 1, s.rate, s.discount, true, i + 3),
  }))
  return {
    source: {
      currency_code: currency.code,
      country_code: currency.country,
      items,
      shipping_methods,
      total: money(total, f(5)),
      tax_total: us ? money(tax, f(6)) : undefined,
    },
    expectedAmount: toMinor(total, currency.exp),
    expectedSalesTax: us ? toMinor(tax, currency.exp) : 0,
  }
}

function checkOrder(cart: Cart) {
  const { source, expectedAmount, expectedSalesTax } = medusaCart(cart)
  const order = buildOrderLines(source)
  assertKlarnaArithmetic(order.order_lines, order.order_amount, order.order_tax_amount)
  expect(order.order_amount).toBe(expectedAmount)
  expect(order.sources).toHaveLength(order.order_lines.length)
  const us = expectedSalesTax > 0 || (cart.currency.country ?? "").toLowerCase() === "us"
  const salesTaxLines = order.order_lines.filter((l) => l.type === "sales_tax")
  expect(order.order_lines).toHaveLength(cart.items.length + cart.shipping.length + salesTaxLines.length)
  if (us) {
    expect(salesTaxLines.map((l) => l.total_amount)).toEqual(expectedSalesTax > 0 ? [expectedSalesTax] : [])
    expect(order.order_tax_amount).toBe(expectedSalesTax)
    for (const l of order.order_lines)
      if (l.type !== "sales_tax") expect([l.tax_rate, l.total_tax_amount]).toEqual([0, 0])
  } else {
    expect(salesTaxLines).toHaveLength(0)
    cart.items.forEach((it, i) => {
      expect(order.order_lines[i].tax_rate).toBe(toMinor(times(dec(it.rate), dec("100")), 0))
      expect(order.order_lines[i].quantity).toBe(it.q)
    })
  }
  return order
}

function checkCaptures(cart: Cart, order: ReturnType<typeof buildOrderLines>) {
  const m = cart.captures
  const plan = Array.from({ length: m }, () => ({}) as Record<string, number>)
  cart.items.forEach((it, i) => {
    for (let u = 0; u < it.q; u++) {
      const j = cart.assign[(i * 7 + u) % cart.assign.length] % m
      plan[j][`item_${i}`] = (plan[j][`item_${i}`] ?? 0) + 1
    }
  })
  let captured: Record<string, number> = {}
  let shippingDone = cart.shipping.length === 0
  const results: ReturnType<typeof buildCaptureLines>[] = []
  for (const toCapture of plan) {
    if (Object.keys(toCapture).length === 0 && shippingDone) continue
    const r = buildCaptureLines({ order, alreadyCaptured: captured, toCapture, includeShipping: !shippingDone })
    shippingDone = true
    assertKlarnaArithmetic(r.order_lines, r.captured_amount, undefined, { amountField: "captured_amount" })
    expect(r.order_lines.reduce((s, l) => s + l.total_amount, 0)).toBe(r.captured_amount)
    r.order_lines.forEach((l, k) => {
      const authorized = order.order_lines[order.sources.findIndex((s) => s.id === r.sources[k].id)]
      expect(l.quantity).toBeGreaterThanOrEqual(1)
      if (l.type !== "sales_tax")
        expect([l.unit_price, l.tax_rate, l.name]).toEqual([
          authorized.unit_price,
          authorized.tax_rate,
          authorized.name,
        ])
    })
    captured = r.captured_units
    results.push(r)
    expect(remainingAmount(order, captured)).toBe(
      order.order_amount - results.reduce((s, c) => s + c.captured_amount, 0)
    )
  }
  expect(results.map((r) => r.completes_order)).toEqual(results.map((_, i) => i === results.length - 1))
  expect(results.reduce((s, r) => s + r.captured_amount, 0)).toBe(order.order_amount)
  // every authorized line is reproduced exactly by the sum of its capture pieces
  order.order_lines.forEach((line, i) => {
    const id = order.sources[i].id
    const pieces = results.flatMap((r) => r.order_lines.filter((_, k) => r.sources[k].id === id))
    const sum = (f: keyof KlarnaOrderLine) => pieces.reduce((s, p) => s + (p[f] as number), 0)
    expect(sum("total_amount")).toBe(line.total_amount)
    expect(sum("total_tax_amount")).toBe(line.total_tax_amount)
    if (line.type !== "sales_tax") {
      expect(sum("quantity")).toBe(line.quantity)
      expect(sum("total_discount_amount")).toBe(line.total_discount_amount)
    }
  })
}

describe("property: generated carts", () => {
  it("buildOrderLines meets every Klarna invariant and splits into 1–5 exact captures", () => {
    fc.assert(
      fc.property(cartArb, (cart) => {
        const order = checkOrder(cart)
        checkCaptures(cart, order)
      }),
      { numRuns: 400 }
    )
  })

  it("the generator reaches the interesting cases (sub-minor totals, US, exp 0 and 3, discounts)", () => {
    const samples = fc.sample(cartArb, { numRuns: 400, seed: 42 })
    const carts = samples.map((c) => ({ c, m: medusaCart(c) }))
    expect(carts.some(({ m }) => String(m.source.total).split(".")[1]?.length > 2)).toBe(true)
    expect(carts.some(({ c }) => c.currency.country?.toLowerCase() === "us")).toBe(true)
    expect(carts.some(({ c }) => c.currency.exp === 0)).toBe(true)
    expect(carts.some(({ c }) => c.currency.exp === 3)).toBe(true)
    expect(carts.some(({ c }) => c.items.some((i) => i.discount !== "0"))).toBe(true)
  })
})
