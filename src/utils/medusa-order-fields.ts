/**
 * Where Medusa differs across the versions the plugin supports (peerDependencies: >=2.18.0 <3).
 *
 * Reading an order with its totals (`total`, `items.total`, …) next to single line-item fields
 * (`items.quantity`, `items.unit_price`, …): since 2.21, Medusa's order module loads whole line
 * items and shipping methods whenever totals are asked for. Up to 2.20 it loads only the fields
 * named, and an order line's `quantity` is not a line-item column (it lives in the item's
 * order_item detail): items come back without `quantity` and without whatever else was not named,
 * so the totals are wrong (items total 0, the order's total the shipping fee alone) and a shipment
 * finds nothing to capture. Asking for `items.*` and `shipping_methods.*` loads whole rows, and
 * gives the same, right, totals on every version. Nested paths (`items.tax_lines.rate`) stay.
 */
const WHOLE_ROWS = ["items", "shipping_methods"]

export function orderTotalsFields(fields: readonly string[]): string[] {
  const read = fields.map((f) => {
    const [relation, ...path] = f.split(".")
    return WHOLE_ROWS.includes(relation) && path.length === 1 ? `${relation}.*` : f
  })
  return [...new Set(read)]
}
