import { refundLinesFor } from "../refund-lines"

const line = (name: string, total_amount: number, type: any = "physical") => ({
  type, name, quantity: 1, unit_price: total_amount, tax_rate: 2500, total_amount, total_discount_amount: 0, total_tax_amount: Math.round(total_amount / 5),
})

describe("refundLinesFor", () => {
  const lines = [line("Jacket", 129900), line("Sticker", 99), line("Shipping", 4900, "shipping_fee")]

  it("sends every line for a full refund", () => {
    expect(refundLinesFor(134899, lines)).toEqual(lines)
  })

  it("sends the one line a refund equals", () => {
    expect(refundLinesFor(4900, lines)).toEqual([lines[2]])
    expect(refundLinesFor(129900, lines)).toEqual([lines[0]])
  })

  it("sends no lines for any other amount, or a US sales tax line", () => {
    expect(refundLinesFor(5000, lines)).toBeUndefined()
    expect(refundLinesFor(800, [line("Item", 10000), line("Sales tax", 800, "sales_tax")])).toBeUndefined()
    expect(refundLinesFor(100, undefined)).toBeUndefined()
  })
})
