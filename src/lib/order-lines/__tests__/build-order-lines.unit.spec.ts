import { buildOrderLines } from "../build-order-lines"
import type { OrderLinesSource } from "../types"
import { assertKlarnaArithmetic } from "../validate"
import { item, sekPromotionCart, shipping } from "./fixtures"

function valid(result: ReturnType<typeof buildOrderLines>) {
  assertKlarnaArithmetic(result.order_lines, result.order_amount, result.order_tax_amount)
  return result
}

describe("buildOrderLines, tax-inclusive markets", () => {
  it("SEK, 25 % VAT, 15 % promotion with sub-öre totals → 13483 and exact lines", () => {
    const r = valid(buildOrderLines(sekPromotionCart()))
    expect(r.order_amount).toBe(13483)
    expect(r.order_lines).toEqual([
      {
        type: "physical",
        reference: "cali_1",
        name: "Mug",
        quantity: 3,
        unit_price: 3333,
        tax_rate: 2500,
        total_amount: 8499,
        total_discount_amount: 1500,
        total_tax_amount: 1700,
      },
      {
        type: "physical",
        reference: "cali_2",
        name: "Sticker",
        quantity: 1,
        unit_price: 99,
        tax_rate: 2500,
        total_amount: 84,
        total_discount_amount: 15,
        total_tax_amount: 17,
      },
      {
        type: "shipping_fee",
        name: "PostNord",
        quantity: 1,
        unit_price: 4900,
        tax_rate: 2500,
        total_amount: 4900,
        total_discount_amount: 0,
        total_tax_amount: 980,
      },
    ])
    expect(r.order_tax_amount).toBe(1700 + 17 + 980)
    expect(r.sources).toEqual([
      { kind: "item", id: "cali_1" },
      { kind: "item", id: "cali_2" },
      { kind: "shipping", id: "casm_1" },
    ])
  })

  it("the 25 % VAT line of 3 × 33.33", () => {
    const r = valid(
      buildOrderLines({
        currency_code: "SEK",
        country_code: "SE",
        items: [item({ quantity: 3, unit_price: 33.33, total: 99.99, original_total: 99.99 })],
        shipping_methods: [],
        total: 99.99,
      })
    )
    expect(r.order_lines[0]).toMatchObject({
      quantity: 3,
      unit_price: 3333,
      total_amount: 9999,
      total_discount_amount: 0,
      tax_rate: 2500,
      total_tax_amount: 2000,
    })
    expect(r.order_amount).toBe(9999)
  })

  it("EUR, 19 % VAT, prices entered without tax (unit price derived from original_total)", () => {
    const r = valid(
      buildOrderLines({
        currency_code: "eur",
        country_code: "de",
        items: [
          item({
            quantity: 2,
            unit_price: 16.8,
            is_tax_inclusive: false,
            tax_lines: [{ rate: 19 }],
            subtotal: 33.6,
            total: 39.984,
            original_total: 39.984,
            tax_total: 6.384,
          }),
        ],
        shipping_methods: [shipping({ amount: 4.9, tax_lines: [{ rate: 19 }], total: 4.9, original_total: 4.9 })],
        total: 44.884,
      })
    )
    expect(r.order_lines[0]).toMatchObject({
      quantity: 2,
      unit_price: 1999,
      total_amount: 3998,
      total_discount_amount: 0,
      tax_rate: 1900,
      total_tax_amount: 638,
    })
    expect(r.order_lines[1]).toMatchObject({ unit_price: 490, total_amount: 490, tax_rate: 1900, total_tax_amount: 78 })
    expect(r.order_amount).toBe(4488)
  })

  it("a percentage discount across lines (20 % off everything, 21 % VAT)", () => {
    const vat = [{ rate: 21 }]
    const r = valid(
      buildOrderLines({
        currency_code: "EUR",
        country_code: "NL",
        items: [
          item({ quantity: 3, unit_price: 12.99, tax_lines: vat, original_total: 38.97, total: 31.176 }),
          item({ quantity: 1, unit_price: 7.45, tax_lines: vat, original_total: 7.45, total: 5.96 }),
          item({ quantity: 7, unit_price: 0.15, tax_lines: vat, original_total: 1.05, total: 0.84 }),
        ],
        shipping_methods: [shipping({ amount: 5.95, tax_lines: vat, total: 5.95, original_total: 5.95 })],
        total: 43.926,
      })
    )
    expect(r.order_lines.map((l) => [l.unit_price, l.total_amount, l.total_discount_amount])).toEqual([
      [1299, 3118, 779],
      [745, 596, 149],
      [15, 84, 21],
      [595, 595, 0],
    ])
    expect(r.order_amount).toBe(4393)
  })

  it("free shipping: original price kept as a full discount, zero tax", () => {
    const r = valid(
      buildOrderLines({
        currency_code: "EUR",
        country_code: "FR",
        items: [item({ quantity: 1, unit_price: 20, tax_lines: [{ rate: 20 }], total: 20, original_total: 20 })],
        shipping_methods: [
          shipping({ name: "Colissimo", amount: 5, tax_lines: [{ rate: 20 }], total: 0, original_total: 5 }),
          shipping({ name: "Pickup", amount: 0, tax_lines: [], total: 0, original_total: 0 }),
        ],
        total: 20,
      })
    )
    expect(r.order_lines[1]).toEqual({
      type: "shipping_fee",
      name: "Colissimo",
      quantity: 1,
      unit_price: 500,
      tax_rate: 2000,
      total_amount: 0,
      total_discount_amount: 500,
      total_tax_amount: 0,
    })
    expect(r.order_lines[2]).toEqual({
      type: "shipping_fee",
      name: "Pickup",
      quantity: 1,
      unit_price: 0,
      tax_rate: 0,
      total_amount: 0,
      total_discount_amount: 0,
      total_tax_amount: 0,
    })
    expect(r.order_amount).toBe(2000)
  })

  it("a 0 % VAT line with a discount, and a 100 % discounted line", () => {
    const r = valid(
      buildOrderLines({
        currency_code: "GBP",
        country_code: "gb",
        items: [
          item({
            title: "Book",
            quantity: 2,
            unit_price: 10,
            tax_lines: [{ rate: 0 }],
            total: 17.5,
            original_total: 20,
          }),
          item({ title: "Gift", quantity: 1, unit_price: 5, tax_lines: [{ rate: 20 }], total: 0, original_total: 5 }),
        ],
        shipping_methods: [],
        total: 17.5,
      })
    )
    expect(r.order_lines[0]).toMatchObject({
      quantity: 2,
      unit_price: 1000,
      tax_rate: 0,
      total_amount: 1750,
      total_discount_amount: 250,
      total_tax_amount: 0,
    })
    expect(r.order_lines[1]).toMatchObject({
      quantity: 1,
      unit_price: 500,
      total_amount: 0,
      total_discount_amount: 500,
      total_tax_amount: 0,
    })
  })

  it("JPY (exponent 0), 10 % consumption tax and 10 % off", () => {
    const r = valid(
      buildOrderLines({
        currency_code: "JPY",
        country_code: "jp",
        items: [
          item({ quantity: 3, unit_price: 1099, tax_lines: [{ rate: 10 }], original_total: 3297, total: 2967.3 }),
        ],
        shipping_methods: [shipping({ amount: 500, tax_lines: [{ rate: 10 }], total: 500, original_total: 500 })],
        total: 3467.3,
      })
    )
    expect(r.order_lines[0]).toMatchObject({
      unit_price: 1099,
      total_amount: 2967,
      total_discount_amount: 330,
      tax_rate: 1000,
      total_tax_amount: 270,
    })
    expect(r.order_amount).toBe(3467)
  })

  it("KWD (exponent 3), a unit price between two fils rounds up so the discount stays ≥ 0", () => {
    const r = valid(
      buildOrderLines({
        currency_code: "KWD",
        country_code: "kw",
        items: [item({ quantity: 2, unit_price: 1.2345, tax_lines: [], original_total: 2.469, total: 2.469 })],
        shipping_methods: [shipping({ amount: 1.5, tax_lines: [], total: 1.5, original_total: 1.5 })],
        total: 3.969,
      })
    )
    expect(r.order_lines[0]).toMatchObject({
      quantity: 2,
      unit_price: 1235,
      total_amount: 2469,
      total_discount_amount: 1,
      tax_rate: 0,
    })
    expect(r.order_lines[1]).toMatchObject({ unit_price: 1500, total_amount: 1500 })
    expect(r.order_amount).toBe(3969)
  })

  it("a unit price that would round below total / quantity is raised to keep the discount ≥ 0", () => {
    const r = valid(
      buildOrderLines({
        currency_code: "EUR",
        items: [item({ quantity: 3, unit_price: 0.3333, tax_lines: [], original_total: 1, total: 1 })],
        shipping_methods: [],
        total: 1,
      })
    )
    expect(r.order_lines[0]).toMatchObject({ quantity: 3, unit_price: 34, total_amount: 100, total_discount_amount: 2 })
  })

  it("a tax rate like 7.7 % becomes 770 basis points; several tax lines add up", () => {
    const r = valid(
      buildOrderLines({
        currency_code: "CHF",
        country_code: "ch",
        items: [
          item({ unit_price: 10.77, tax_lines: [{ rate: 7.7 }], total: 10.77, original_total: 10.77 }),
          item({ unit_price: 11.2, tax_lines: [{ rate: 5 }, { rate: 7 }], total: 11.2, original_total: 11.2 }),
        ],
        shipping_methods: [],
        total: 21.97,
      })
    )
    expect(r.order_lines.map((l) => l.tax_rate)).toEqual([770, 1200])
    expect(r.order_lines.map((l) => l.total_tax_amount)).toEqual([77, 120])
  })

  it("accepts every MoneyLike form, including BigNumber-like objects and 98.9009", () => {
    const bigNumberLike = (v: string) => ({
      numeric: Number(v),
      raw: { value: v, precision: 20 },
      toJSON: () => Number(v),
    })
    const r = valid(
      buildOrderLines({
        currency_code: "EUR",
        country_code: "AT",
        items: [
          item({
            quantity: "1",
            unit_price: "98.9009",
            tax_lines: [{ rate: "20" }],
            total: 98.9009,
            original_total: { value: "98.900900000000000000", precision: 20 },
          }),
          item({
            quantity: bigNumberLike("2"),
            unit_price: bigNumberLike("0.1"),
            tax_lines: [{ rate: { value: "20" } }],
            total: bigNumberLike("0.2"),
            original_total: { numeric: 0.1 + 0.1 },
          }),
          item({
            quantity: { toJSON: () => 1 },
            unit_price: { toJSON: () => "1e-7" },
            tax_lines: [{ rate: 20 }],
            total: 1e-7,
            original_total: 1e-7,
          }),
        ],
        shipping_methods: [],
        total: { value: "99.1009001", precision: 20 },
      })
    )
    expect(r.order_lines.map((l) => [l.quantity, l.unit_price, l.total_amount])).toEqual([
      [1, 9890, 9890],
      [2, 10, 20],
      [1, 0, 0],
    ])
    expect(r.order_amount).toBe(9910)
  })
})

describe("buildOrderLines, US (tax-exclusive, one sales_tax line)", () => {
  it("items and shipping without tax, the tax in a sales_tax line", () => {
    const r = valid(
      buildOrderLines({
        currency_code: "usd",
        country_code: "US",
        items: [
          item({
            id: "i1",
            title: "Hat",
            quantity: 2,
            unit_price: 10,
            is_tax_inclusive: false,
            tax_lines: [{ rate: 8.875 }],
            subtotal: 20,
            original_total: 21.775,
            total: 21.775,
            tax_total: 1.775,
          }),
          item({
            id: "i2",
            title: "Pin",
            quantity: 1,
            unit_price: 4,
            is_tax_inclusive: false,
            tax_lines: [{ rate: 8.875 }],
            subtotal: 4,
            original_total: 4.355,
            total: 3.92,
            discount_total: 0.4,
            tax_total: 0.3195,
          }),
        ],
        shipping_methods: [
          shipping({
            id: "s1",
            name: "UPS",
            amount: 5,
            is_tax_inclusive: false,
            tax_lines: [],
            subtotal: 5,
            total: 5,
            original_total: 5,
            tax_total: 0,
          }),
        ],
        total: 30.6945,
        tax_total: 2.0945,
      })
    )
    expect(r.order_lines).toEqual([
      {
        type: "physical",
        reference: "i1",
        name: "Hat",
        quantity: 2,
        unit_price: 1000,
        tax_rate: 0,
        total_amount: 2000,
        total_discount_amount: 0,
        total_tax_amount: 0,
      },
      {
        type: "physical",
        reference: "i2",
        name: "Pin",
        quantity: 1,
        unit_price: 400,
        tax_rate: 0,
        total_amount: 360,
        total_discount_amount: 40,
        total_tax_amount: 0,
      },
      {
        type: "shipping_fee",
        name: "UPS",
        quantity: 1,
        unit_price: 500,
        tax_rate: 0,
        total_amount: 500,
        total_discount_amount: 0,
        total_tax_amount: 0,
      },
      {
        type: "sales_tax",
        name: "Sales tax",
        quantity: 1,
        unit_price: 209,
        tax_rate: 0,
        total_amount: 209,
        total_discount_amount: 0,
        total_tax_amount: 209,
      },
    ])
    expect(r.order_amount).toBe(3069)
    expect(r.order_tax_amount).toBe(209)
    expect(r.sources).toEqual([
      { kind: "item", id: "i1", tax_weight: 178 },
      { kind: "item", id: "i2", tax_weight: 32 },
      { kind: "shipping", id: "s1", tax_weight: 0 },
      { kind: "sales_tax", id: "sales_tax" },
    ])
  })

  it("no sales_tax line when there is no tax", () => {
    const r = valid(
      buildOrderLines({
        currency_code: "USD",
        country_code: "us",
        items: [
          item({
            unit_price: 10,
            is_tax_inclusive: false,
            tax_lines: [],
            subtotal: 10,
            total: 10,
            original_total: 10,
            tax_total: 0,
          }),
        ],
        shipping_methods: [],
        total: 10,
        tax_total: 0,
      })
    )
    expect(r.order_lines.map((l) => l.type)).toEqual(["physical"])
    expect(r.order_tax_amount).toBe(0)
  })

  it("USD outside the US stays tax-inclusive", () => {
    const r = valid(
      buildOrderLines({
        currency_code: "USD",
        country_code: "ca",
        items: [item({ unit_price: 11.3, tax_lines: [{ rate: 13 }], total: 11.3, original_total: 11.3 })],
        shipping_methods: [],
        total: 11.3,
      })
    )
    expect(r.order_lines).toHaveLength(1)
    expect(r.order_lines[0]).toMatchObject({ tax_rate: 1300, total_tax_amount: 130 })
  })
})

describe("buildOrderLines, absorbing rounding into Σ total_amount = round(order total)", () => {
  const cart = (totals: number[], originals: number[], total: number): OrderLinesSource => ({
    currency_code: "EUR",
    country_code: "se",
    items: totals.map((t, i) =>
      item({ id: `a${i}`, tax_lines: [], unit_price: originals[i], total: t, original_total: originals[i] })
    ),
    shipping_methods: [],
    total,
  })

  it("too much after rounding: the largest line (first on ties) gives up one cent as discount", () => {
    const r = valid(buildOrderLines(cart([0.335, 0.335, 0.335], [0.335, 0.335, 0.335], 1.005)))
    expect(r.order_lines.map((l) => [l.unit_price, l.total_amount, l.total_discount_amount])).toEqual([
      [34, 33, 1],
      [34, 34, 0],
      [34, 34, 0],
    ])
    expect(r.order_amount).toBe(101)
  })

  it("too much: lines give up total largest first, never below zero", () => {
    const r = valid(buildOrderLines(cart([0.005, 0.005, 0.005, 0.005, 0.02], [0.005, 0.005, 0.005, 0.005, 0.02], 0.03)))
    expect(r.order_lines.map((l) => l.total_amount)).toEqual([0, 1, 1, 1, 0])
    expect(r.order_amount).toBe(3)
  })

  it("too little: the first large line whose discount can shrink takes it", () => {
    const r = valid(buildOrderLines(cart([0.334, 0.334, 0.334], [0.334, 0.4, 0.4], 1.002)))
    expect(r.order_lines.map((l) => [l.unit_price, l.total_amount, l.total_discount_amount])).toEqual([
      [33, 33, 0],
      [40, 34, 6],
      [40, 33, 7],
    ])
    expect(r.order_amount).toBe(100)
  })

  it("too little and no discount to shrink: the largest line's unit price rises", () => {
    const r = valid(buildOrderLines(cart([0.334, 0.334, 0.334], [0.334, 0.334, 0.334], 1.002)))
    expect(r.order_lines.map((l) => [l.unit_price, l.total_amount, l.total_discount_amount])).toEqual([
      [34, 34, 0],
      [33, 33, 0],
      [33, 33, 0],
    ])
  })

  it("refuses a difference that is not rounding (e.g. a gift card)", () => {
    expect(() => buildOrderLines(cart([10, 10], [10, 10], 15))).toThrow(/more than rounding explains/)
  })

  it("refuses a negative order total", () => {
    expect(() => buildOrderLines(cart([0], [0], -1))).toThrow(/negative/)
  })
})

describe("buildOrderLines, descriptive fields", () => {
  const one = (overrides: Parameters<typeof item>[0], base?: string) =>
    buildOrderLines({
      currency_code: "EUR",
      items: [item(overrides)],
      shipping_methods: [],
      total: 10,
      product_url_base: base,
    }).order_lines[0]

  it("name is product - variant, else title; reference is sku, else variant id, else item id", () => {
    expect(
      one({ product_title: "Shirt", variant_title: "L", title: "x", variant_sku: "SH-L", variant_id: "variant_1" })
    ).toMatchObject({ name: "Shirt - L", reference: "SH-L" })
    expect(one({ product_title: "Shirt", variant_title: "Default variant", variant_id: "variant_1" })).toMatchObject({
      name: "Shirt",
      reference: "variant_1",
    })
    expect(one({ id: "cali_9", product_title: null, variant_title: null, title: "Plain" })).toMatchObject({
      name: "Plain",
      reference: "cali_9",
    })
    expect(one({ id: "cali_8", title: "  " })).toMatchObject({ name: "cali_8" })
  })

  it("long names and references are cut to 255 characters without splitting a character", () => {
    const line = one({ title: "a".repeat(254) + "😀", variant_sku: "s".repeat(300) })
    expect(line.name).toBe("a".repeat(254))
    expect(line.reference).toHaveLength(255)
  })

  it("image_url only for absolute http(s) thumbnails; product_url from base + handle", () => {
    expect(
      one({ thumbnail: "https://cdn.example/a.png", product_handle: "t-shirt" }, "https://shop.example/products/")
    ).toMatchObject({
      image_url: "https://cdn.example/a.png",
      product_url: "https://shop.example/products/t-shirt",
    })
    const bare = one({ thumbnail: "/static/a.png", product_handle: "t-shirt" })
    expect(bare.image_url).toBeUndefined()
    expect(bare.product_url).toBeUndefined()
    expect(one({ thumbnail: "https://cdn.example/" + "a".repeat(1100) }).image_url).toBeUndefined()
    expect(one({ thumbnail: "javascript:alert(1)" }).image_url).toBeUndefined()
  })

  it("gift cards and items that need no shipping are digital", () => {
    expect(one({ is_giftcard: true }).type).toBe("digital")
    expect(one({ requires_shipping: false }).type).toBe("digital")
    expect(one({ requires_shipping: null }).type).toBe("physical")
  })
})

describe("buildOrderLines, sizes and bad input", () => {
  it("a 500-line cart adds up exactly", () => {
    const items = Array.from({ length: 500 }, (_, i) => {
      const q = (i % 7) + 1
      const unit = ((i * 37) % 5000) / 100 + 0.01
      const original = (unit * 100 * q) / 100
      return item({
        id: `m${i}`,
        quantity: q,
        unit_price: unit,
        tax_lines: [{ rate: [25, 12, 6, 0][i % 4] }],
        original_total: original,
        total: (original * 0.85).toFixed(4),
      })
    })
    const total = items.reduce((s, i) => s + Math.round(Number(i.total) * 10000), 0) / 10000
    const r = valid(
      buildOrderLines({
        currency_code: "SEK",
        country_code: "SE",
        items,
        shipping_methods: [shipping()],
        total: total + 49,
      })
    )
    expect(r.order_lines).toHaveLength(501)
    expect(r.order_amount).toBe(Math.round((total + 49) * 100))
  })

  it("refuses more than 1000 lines", () => {
    const items = Array.from({ length: 1001 }, (_, i) => item({ id: `x${i}` }))
    expect(() => buildOrderLines({ currency_code: "EUR", items, shipping_methods: [], total: 10010 })).toThrow(
      /at most 1000/
    )
  })

  it("refuses fractional quantities, duplicate ids and empty orders", () => {
    expect(() =>
      buildOrderLines({
        currency_code: "EUR",
        items: [item({ quantity: 1.5, total: 15, original_total: 15 })],
        shipping_methods: [],
        total: 15,
      })
    ).toThrow(/quantity must be a positive integer/)
    const a = item({ id: "same" })
    expect(() =>
      buildOrderLines({ currency_code: "EUR", items: [a, { ...a }], shipping_methods: [], total: 20 })
    ).toThrow(/Duplicate/)
    expect(() => buildOrderLines({ currency_code: "EUR", items: [], shipping_methods: [], total: 0 })).toThrow(
      /no items/
    )
  })
})
