import { orderTotalsFields } from "../medusa-order-fields"
import { ORDER_LINES_FIELDS } from "../order-lines-source"

describe("orderTotalsFields (Medusa 2.18–2.20 load only the item fields named when totals are read)", () => {
  const fields = orderTotalsFields([...ORDER_LINES_FIELDS, "status", "payment_collections.payments.*"])

  it("reads whole line items and shipping methods instead of single fields", () => {
    expect(fields).toContain("items.*")
    expect(fields).toContain("shipping_methods.*")
    expect(fields.filter((f) => /^(items|shipping_methods)\.[^.*]+$/.test(f))).toEqual([])
  })

  it("keeps the totals, nested paths and other relations it was given, once each", () => {
    for (const f of ["total", "tax_total", "items.tax_lines.rate", "shipping_methods.tax_lines.rate", "status"])
      expect(fields).toContain(f)
    expect(fields).toContain("payment_collections.payments.*")
    expect(fields).toContain("shipping_address.*")
    expect(new Set(fields).size).toBe(fields.length)
  })

  it("leaves reads without item or shipping-method fields as they are", () => {
    expect(orderTotalsFields(["id", "display_id", "items.detail.quantity"])).toEqual([
      "id",
      "display_id",
      "items.detail.quantity",
    ])
  })
})
