import { toSafeNumber } from "../amounts"
import { absorbRoundingDifference } from "./absorb"
import { httpUrl, itemName, itemReference, itemType, productUrl, shippingName } from "./fields"
import { add, frac, minor, round } from "./fraction"
import { draftAmounts, type DraftAmounts, type TaxMode } from "./line-amounts"
import { klarnaTaxAmount } from "./tax"
import {
  SALES_TAX_SOURCE_ID,
  type KlarnaOrderLine,
  type LineSource,
  type OrderLinesResult,
  type OrderLinesSource,
} from "./types"
import { assertKlarnaArithmetic, MAX_ORDER_LINES } from "./validate"

type Described = Omit<
  KlarnaOrderLine,
  "quantity" | "unit_price" | "tax_rate" | "total_amount" | "total_discount_amount" | "total_tax_amount"
>

interface Draft {
  described: Described
  source: LineSource
  amounts: DraftAmounts
}

/**
 * Medusa cart/order → Klarna order lines, one per item and one `shipping_fee` per shipping method.
 *
 * - Outside the US (purchase country ≠ "us"): tax-inclusive lines with tax_rate from the tax lines
 *   and total_tax_amount = Klarna's formula on total_amount (rounded half away from zero).
 * - US: tax-exclusive item/shipping lines (tax_rate 0, total_tax_amount 0) plus one `sales_tax` line
 *   "Sales tax" (quantity 1, unit_price = total_amount = total_tax_amount = round(order tax_total));
 *   left out when the tax is 0.
 * - Discounts are per-line `total_discount_amount` (no separate discount line).
 * - Σ total_amount = round(order total) exactly; see absorb.ts for where rounding goes.
 * - `sources[i]` tells which Medusa item/shipping method `order_lines[i]` came from.
 * The result is checked with assertKlarnaArithmetic before it is returned.
 */
export function buildOrderLines(source: OrderLinesSource): OrderLinesResult {
  const currency = source.currency_code
  const mode: TaxMode = (source.country_code ?? "").trim().toLowerCase() === "us" ? "us" : "inclusive"

  const drafts: Draft[] = [
    ...source.items.map((item) => ({
      described: {
        type: itemType(item),
        reference: itemReference(item),
        name: itemName(item),
        image_url: httpUrl(item.thumbnail),
        product_url: productUrl(source.product_url_base, item.product_handle),
      },
      source: { kind: "item" as const, id: item.id },
      amounts: draftAmounts(item, currency, mode, `item ${item.id}`),
    })),
    ...source.shipping_methods.map((method) => ({
      described: { type: "shipping_fee" as const, name: shippingName(method) },
      source: { kind: "shipping" as const, id: method.id },
      amounts: draftAmounts(
        { ...method, quantity: 1, unit_price: method.amount },
        currency,
        mode,
        `shipping method ${method.id}`
      ),
    })),
  ]
  assertUniqueIds(drafts)

  const salesTax = mode === "us" ? usSalesTax(source, drafts) : 0n
  const target = round(minor(source.total, currency)) - salesTax
  absorbRoundingDifference(
    drafts.map((d) => d.amounts),
    target
  )

  const order_lines = drafts.map((d) => toLine(d))
  const sources = drafts.map((d) =>
    mode === "us" ? { ...d.source, tax_weight: toSafeNumber(round(d.amounts.tax), "tax weight") } : d.source
  )
  if (salesTax > 0n) {
    const s = toSafeNumber(salesTax, "sales tax")
    order_lines.push(salesTaxLine(s))
    sources.push({ kind: "sales_tax", id: SALES_TAX_SOURCE_ID })
  }
  if (order_lines.length > MAX_ORDER_LINES) {
    throw new Error(`Klarna accepts at most ${MAX_ORDER_LINES} order lines, this order needs ${order_lines.length}`)
  }
  const order_amount = order_lines.reduce((s, l) => s + l.total_amount, 0)
  const order_tax_amount = order_lines.reduce((s, l) => s + l.total_tax_amount, 0)
  assertKlarnaArithmetic(order_lines, order_amount, order_tax_amount)
  return { order_lines, order_amount, order_tax_amount, sources }
}

function assertUniqueIds(drafts: Draft[]): void {
  const seen = new Set<string>()
  for (const { source } of drafts) {
    if (seen.has(source.id)) throw new Error(`Duplicate item or shipping method id: ${source.id}`)
    seen.add(source.id)
  }
}

/** round(order tax_total), or the rounded exact sum of the lines' taxes when the order has none. */
function usSalesTax(source: OrderLinesSource, drafts: Draft[]): bigint {
  const exact =
    source.tax_total !== undefined && source.tax_total !== null
      ? minor(source.tax_total, source.currency_code)
      : drafts.reduce((sum, d) => add(sum, d.amounts.tax), frac(0n))
  const s = round(exact)
  if (s < 0n) throw new Error(`Sales tax is negative (${s} minor units)`)
  return s
}

function toLine({ described, amounts }: Draft): KlarnaOrderLine {
  const { quantity, unit_price, total, tax_rate } = amounts
  const line: KlarnaOrderLine = {
    type: described.type,
    name: described.name,
    quantity: toSafeNumber(quantity, "quantity"),
    unit_price: toSafeNumber(unit_price, "unit_price"),
    tax_rate,
    total_amount: toSafeNumber(total, "total_amount"),
    total_discount_amount: toSafeNumber(quantity * unit_price - total, "total_discount_amount"),
    total_tax_amount: klarnaTaxAmount(total, tax_rate),
  }
  if (described.reference) line.reference = described.reference
  if (described.image_url) line.image_url = described.image_url
  if (described.product_url) line.product_url = described.product_url
  return line
}

export function salesTaxLine(amount: number): KlarnaOrderLine {
  return {
    type: "sales_tax",
    name: "Sales tax",
    quantity: 1,
    unit_price: amount,
    tax_rate: 0,
    total_amount: amount,
    total_discount_amount: 0,
    total_tax_amount: amount,
  }
}
