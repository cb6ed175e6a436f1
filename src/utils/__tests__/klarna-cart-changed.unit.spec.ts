import { klarnaCartChanged } from "../klarna-cart-changed"
import type { KlarnaCartSnapshot } from "../../providers/klarna/session-data"

const snapshot = (): KlarnaCartSnapshot => ({
  cart_id: "cart_1",
  purchase_country: "SE",
  purchase_currency: "SEK",
  order_amount: 14800,
  order_tax_amount: 2960,
  order_lines: [
    {
      type: "physical",
      reference: "SCARF-GREY",
      name: "Wool Scarf",
      quantity: 3,
      unit_price: 3333,
      tax_rate: 2500,
      total_amount: 9999,
      total_discount_amount: 0,
      total_tax_amount: 2000,
    },
    {
      type: "shipping_fee",
      name: "PostNord Home",
      quantity: 1,
      unit_price: 4900,
      tax_rate: 2500,
      total_amount: 4900,
      total_discount_amount: 0,
      total_tax_amount: 980,
    },
  ],
  shipping_address: { given_name: "Alva", country: "SE" },
})

describe("klarnaCartChanged", () => {
  it("is false for the same cart, whatever the key order", () => {
    const a = snapshot()
    const reversed = (o: object) => Object.fromEntries(Object.entries(o).reverse())
    const b = { ...reversed(a), order_lines: a.order_lines.map((l) => reversed(l)) } as KlarnaCartSnapshot
    expect(klarnaCartChanged(a, b)).toBe(false)
  })

  it("is true when a line changes but the total does not", () => {
    const b = snapshot()
    b.order_lines[1].name = "PostNord Service Point"
    expect(b.order_amount).toBe(snapshot().order_amount)
    expect(klarnaCartChanged(snapshot(), b)).toBe(true)
  })

  it("is true for a quantity, tax or address change, and when the session has no snapshot", () => {
    const qty = snapshot()
    qty.order_lines[0].quantity = 2
    const tax = snapshot()
    tax.order_tax_amount = 2961
    const address = snapshot()
    address.shipping_address!.given_name = "Sven"
    for (const b of [qty, tax, address]) expect(klarnaCartChanged(snapshot(), b)).toBe(true)
    expect(klarnaCartChanged(undefined, snapshot())).toBe(true)
  })

  it("treats a missing and an absent optional field alike", () => {
    const a = snapshot()
    const b = { ...snapshot(), billing_address: undefined }
    expect(klarnaCartChanged(a, b)).toBe(false)
  })
})
