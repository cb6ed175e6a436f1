import { lineErrors, purchaseErrors, sumErrors, taxWithinOne } from "../arithmetic"
import type { OrderLine } from "../state"

const mug: OrderLine = {
  type: "physical",
  name: "Mug",
  quantity: 3,
  unit_price: 3333,
  total_discount_amount: 1500,
  total_amount: 8499,
  tax_rate: 2500,
  total_tax_amount: 1700,
}

describe("order-line arithmetic", () => {
  it("accepts quantity × unit_price − total_discount_amount", () => {
    expect(lineErrors([mug])).toEqual([])
  })

  it("names the line and field when total_amount is off", () => {
    expect(lineErrors([mug, { ...mug, total_amount: 8500 }])).toEqual([
      expect.stringContaining("order_lines[1].total_amount"),
    ])
  })

  it("allows total_tax_amount within ±1 of total − total·10000/(10000+rate), and no further", () => {
    // 8499 − 8499·10000/12500 = 1699.8
    expect(taxWithinOne(8499, 2500, 1699)).toBe(true)
    expect(taxWithinOne(8499, 2500, 1700)).toBe(true)
    expect(taxWithinOne(8499, 2500, 1698)).toBe(false)
    expect(taxWithinOne(8499, 2500, 1701)).toBe(false)
    // exactly 1 off is fine: 1000 at 25 % → 200
    expect(taxWithinOne(1000, 2500, 201)).toBe(true)
    expect(taxWithinOne(1000, 2500, 199)).toBe(true)
    // discount lines are negative
    expect(taxWithinOne(-300, 2500, -60)).toBe(true)
    expect(taxWithinOne(-300, 2500, 60)).toBe(false)
    expect(taxWithinOne(1000, 0, 0)).toBe(true)
    expect(lineErrors([{ ...mug, total_tax_amount: 1702 }])).toEqual([
      expect.stringContaining("order_lines[0].total_tax_amount"),
    ])
  })

  it("does not tax-check sales_tax lines, and counts them as the tax", () => {
    const lines: OrderLine[] = [
      { type: "physical", name: "Lamp", quantity: 1, unit_price: 10000, total_amount: 10000 },
      { type: "sales_tax", name: "Tax", quantity: 1, unit_price: 825, total_amount: 825 },
    ]
    expect(purchaseErrors({ order_amount: 10825, order_tax_amount: 825, order_lines: lines })).toEqual([])
    expect(purchaseErrors({ order_amount: 10825, order_tax_amount: 0, order_lines: lines })).toEqual([
      expect.stringContaining("order_tax_amount"),
    ])
  })

  it("checks Σ total_amount against the named amount", () => {
    expect(sumErrors([mug], "captured_amount", 8499)).toEqual([])
    expect(sumErrors([mug], "captured_amount", 8500)).toEqual([expect.stringContaining("captured_amount")])
    expect(purchaseErrors({ order_amount: 8499, order_lines: [mug] })).toEqual([])
    expect(purchaseErrors({ order_amount: 8499, order_tax_amount: 1701, order_lines: [mug] })).toEqual([
      expect.stringContaining("order_tax_amount"),
    ])
  })
})
