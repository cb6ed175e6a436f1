import { sumMoney, type MoneyLike } from "../lib/amounts"
import type { LineItemSource, OrderLinesSource, ShippingMethodSource } from "../lib/order-lines/types"

/** Fields a cart or order query needs for `toOrderLinesSource` (Medusa computes the totals). */
export const ORDER_LINES_FIELDS = [
  "id",
  "currency_code",
  "email",
  "total",
  "tax_total",
  "items.id",
  "items.title",
  "items.product_title",
  "items.variant_title",
  "items.variant_sku",
  "items.variant_id",
  "items.product_handle",
  "items.thumbnail",
  "items.is_giftcard",
  "items.requires_shipping",
  "items.quantity",
  "items.unit_price",
  "items.is_tax_inclusive",
  "items.tax_lines.rate",
  "items.total",
  "items.original_total",
  "items.subtotal",
  "items.discount_total",
  "items.tax_total",
  "shipping_methods.id",
  "shipping_methods.name",
  "shipping_methods.amount",
  "shipping_methods.is_tax_inclusive",
  "shipping_methods.tax_lines.rate",
  "shipping_methods.total",
  "shipping_methods.original_total",
  "shipping_methods.subtotal",
  "shipping_methods.discount_total",
  "shipping_methods.tax_total",
  "shipping_address.*",
  "billing_address.*",
  "region.countries.iso_2",
]

/** A Medusa cart/order address (`shipping_address.*`), as far as the plugin reads it. */
export type AddressLike =
  | {
      country_code?: string | null
      first_name?: string | null
      last_name?: string | null
      address_1?: string | null
      address_2?: string | null
      postal_code?: string | null
      city?: string | null
      province?: string | null
      phone?: string | null
    }
  | null
  | undefined

export interface CartOrOrderLike {
  currency_code: string
  total: MoneyLike
  tax_total?: MoneyLike
  items?: (LineItemSource | null)[] | null
  shipping_methods?: (ShippingMethodSource | null)[] | null
  shipping_address?: AddressLike
  billing_address?: AddressLike
  region?: { countries?: { iso_2: string }[] | null } | null
}

export function purchaseCountry(entity: CartOrOrderLike): string | undefined {
  const code =
    entity.shipping_address?.country_code ||
    entity.billing_address?.country_code ||
    entity.region?.countries?.[0]?.iso_2
  return code ? code.toUpperCase() : undefined
}

/**
 * Each id once: Medusa can write duplicate order_item rows when two fulfillments of one order are
 * created in parallel; they would count the same line twice, and Medusa's own order totals then
 * count them twice too, so those totals are summed again from the lines, once each.
 */
const uniqueById = <T extends { id: string }>(rows: (T | null)[]): T[] => [
  ...new Map(rows.filter((r): r is T => !!r).map((r) => [r.id, r])).values(),
]

function withoutDuplicates(entity: CartOrOrderLike) {
  const items = uniqueById(entity.items ?? [])
  const shipping = uniqueById(entity.shipping_methods ?? [])
  const duplicated = items.length < (entity.items ?? []).filter(Boolean).length
  if (!duplicated) return { items, shipping, total: entity.total, tax_total: entity.tax_total }
  const rows = [...items, ...shipping]
  return {
    items,
    shipping,
    total: sumMoney(rows.map((r) => r.total)),
    tax_total: sumMoney(rows.map((r) => r.tax_total)),
  }
}

/** Maps a Medusa cart/order (queried with ORDER_LINES_FIELDS) to the order-line builder's input. */
export function toOrderLinesSource(entity: CartOrOrderLike, productUrlBase?: string | null): OrderLinesSource {
  const { items, shipping, total, tax_total } = withoutDuplicates(entity)
  return {
    currency_code: entity.currency_code,
    country_code: purchaseCountry(entity) ?? null,
    items,
    shipping_methods: shipping,
    total,
    tax_total,
    product_url_base: productUrlBase ?? null,
  }
}
