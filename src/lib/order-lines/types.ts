import type { MoneyLike } from "../amounts"
import type { OrderLine as KlarnaOrderLine, OrderLineType as KlarnaLineType } from "../klarna/types"

/** Klarna's order line is the client's (lib/klarna/types.ts): one type for what is built, sent and read back. */
export type { KlarnaLineType, KlarnaOrderLine }

/** The subset of a Medusa cart/order line item the builder reads (money fields are MoneyLike). */
export interface LineItemSource {
  id: string
  title: string
  product_title?: string | null
  variant_title?: string | null
  variant_sku?: string | null
  variant_id?: string | null
  product_handle?: string | null
  thumbnail?: string | null
  is_giftcard?: boolean
  requires_shipping?: boolean | null
  quantity: MoneyLike
  unit_price: MoneyLike
  is_tax_inclusive?: boolean
  tax_lines?: { rate: MoneyLike }[]
  /** incl. tax, after discounts */
  total: MoneyLike
  /** incl. tax, before discounts */
  original_total: MoneyLike
  /** excl. tax, before discounts */
  subtotal?: MoneyLike
  discount_total?: MoneyLike
  tax_total?: MoneyLike
}

export interface ShippingMethodSource {
  id: string
  name: string
  amount: MoneyLike
  is_tax_inclusive?: boolean
  tax_lines?: { rate: MoneyLike }[]
  total: MoneyLike
  original_total: MoneyLike
  subtotal?: MoneyLike
  discount_total?: MoneyLike
  tax_total?: MoneyLike
}

export interface OrderLinesSource {
  currency_code: string
  /** purchase country, any case; "us" switches to tax-exclusive lines + one sales_tax line */
  country_code?: string | null
  items: LineItemSource[]
  shipping_methods: ShippingMethodSource[]
  total: MoneyLike
  tax_total?: MoneyLike
  /** e.g. https://shop.example/products/ → product_url = base + handle */
  product_url_base?: string | null
}

/**
 * Where a Klarna line came from. Kept out of the Klarna line itself so `order_lines` can be sent
 * as is: `sources[i]` describes `order_lines[i]`.
 * - `id`: the Medusa line item id, shipping method id, or "sales_tax" for the US tax line.
 * - `tax_weight` (US only): the line's sales tax in minor units (Medusa's `tax_total`), used to
 *   spread the sales_tax line over partial captures.
 */
export interface LineSource {
  kind: "item" | "shipping" | "sales_tax"
  id: string
  tax_weight?: number
}

export interface OrderLinesResult {
  order_lines: KlarnaOrderLine[]
  order_amount: number
  order_tax_amount: number
  /** parallel to `order_lines` */
  sources: LineSource[]
}

/** The id of the US sales tax line in `LineSource.id`. */
export const SALES_TAX_SOURCE_ID = "sales_tax"
