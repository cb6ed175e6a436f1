import type { LineItemSource, OrderLinesSource, ShippingMethodSource } from "../types"

/** Small builders for Medusa-shaped inputs in tests (money fields as given). */

let seq = 0

export function item(overrides: Partial<LineItemSource> = {}): LineItemSource {
  seq += 1
  return {
    id: `item_${seq}`,
    title: `Item ${seq}`,
    quantity: 1,
    unit_price: 10,
    is_tax_inclusive: true,
    tax_lines: [{ rate: 25 }],
    total: 10,
    original_total: 10,
    ...overrides,
  }
}

export function shipping(overrides: Partial<ShippingMethodSource> = {}): ShippingMethodSource {
  seq += 1
  return {
    id: `sm_${seq}`,
    name: "Standard",
    amount: 49,
    is_tax_inclusive: true,
    tax_lines: [{ rate: 25 }],
    total: 49,
    original_total: 49,
    ...overrides,
  }
}

/** The measured Medusa 2.21.2 cart of DESIGN.md "Amounts". */
export function sekPromotionCart(): OrderLinesSource {
  return {
    currency_code: "sek",
    country_code: "se",
    items: [
      item({
        id: "cali_1",
        title: "Mug",
        quantity: 3,
        unit_price: 33.33,
        total: 84.9915,
        original_total: 99.99,
        subtotal: 79.992,
        discount_total: 14.9985,
        tax_total: 16.9983,
      }),
      item({
        id: "cali_2",
        title: "Sticker",
        quantity: 1,
        unit_price: 0.99,
        total: 0.8415,
        original_total: 0.99,
        subtotal: 0.792,
        discount_total: 0.1485,
        tax_total: 0.1683,
      }),
    ],
    shipping_methods: [shipping({ id: "casm_1", name: "PostNord", amount: 49, total: 49, original_total: 49 })],
    total: 134.833,
    tax_total: 26.9666,
  }
}
