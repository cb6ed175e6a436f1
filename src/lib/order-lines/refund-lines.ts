import { buildCaptureLines } from "./capture-lines"
import { itemReference } from "./fields"
import { klarnaTaxAmount } from "./tax"
import type { KlarnaOrderLine, LineItemSource, LineSource, OrderLinesResult } from "./types"
import { findKlarnaArithmeticViolation } from "./validate"

/**
 * Klarna lines for a refund of the whole order (every line), else undefined: a refund with no
 * item behind it is amount-only (a goodwill refund equal to the shipping fee is not shipping).
 */
export function refundLinesFor(
  amount: number,
  orderLines: KlarnaOrderLine[] | undefined
): KlarnaOrderLine[] | undefined {
  if (!orderLines?.length || amount <= 0) return undefined
  const total = orderLines.reduce((sum, l) => sum + l.total_amount, 0)
  return amount === total ? orderLines : undefined
}

/**
 * The Klarna lines of returned units: per line the same cumulative formulas as captures
 * (buildCaptureLines), with `alreadyReturned` in place of "already captured", so each line's
 * returns add up to the captured line and every return line meets Klarna's arithmetic.
 */
export function returnLines(
  order: Pick<OrderLinesResult, "order_lines" | "sources">,
  alreadyReturned: Record<string, number>,
  returned: Record<string, number>
): { order_lines: KlarnaOrderLine[]; amount: number } {
  const result = buildCaptureLines({
    order,
    alreadyCaptured: alreadyReturned,
    toCapture: returned,
    includeShipping: false,
  })
  return { order_lines: result.order_lines, amount: result.captured_amount }
}

/**
 * Klarna's authorized lines with the Medusa item each came from, matched by `reference` (the
 * builder's item reference): after a return Medusa's order no longer totals what was bought, but
 * Klarna's lines still do. Undefined when an item has no line, or not exactly one.
 */
export function authorizedLinesWithSources(
  orderLines: KlarnaOrderLine[] | undefined,
  items: Pick<LineItemSource, "id" | "variant_sku" | "variant_id">[]
): Pick<OrderLinesResult, "order_lines" | "sources"> | undefined {
  if (!orderLines?.length) return undefined
  const byReference = new Map<string, string>()
  for (const item of items) {
    const ref = itemReference(item as LineItemSource)
    if (byReference.has(ref)) return undefined
    byReference.set(ref, item.id)
  }
  const used = new Set<string>()
  const sources: LineSource[] = []
  for (const [i, line] of orderLines.entries()) {
    if (line.type === "sales_tax") {
      sources.push({ kind: "sales_tax", id: "sales_tax" })
      continue
    }
    const itemId = line.type === "shipping_fee" ? undefined : byReference.get(line.reference ?? "")
    if (itemId && used.has(itemId)) return undefined
    if (itemId) used.add(itemId)
    sources.push(itemId ? { kind: "item", id: itemId } : { kind: "shipping", id: `line:${i}` })
  }
  return used.size ? { order_lines: orderLines, sources } : undefined
}

/**
 * Fits return lines to the refund Klarna gets, which is rounded across the order's refunds and
 * can differ from the lines by a minor unit or two: the difference goes into the discount of the
 * largest line that can take it (unit price kept, tax recomputed). Undefined when it doesn't fit
 * (the refund then goes amount-only); a larger difference is not rounding (e.g. a return fee).
 */
export function fitRefundLines(lines: KlarnaOrderLine[], amount: number): KlarnaOrderLine[] | undefined {
  if (!lines.length || amount <= 0) return undefined
  const sum = lines.reduce((s, l) => s + l.total_amount, 0)
  const diff = amount - sum
  if (Math.abs(diff) > lines.length + 1) return undefined
  let fitted = lines.map((l) => ({ ...l }))
  if (diff !== 0) {
    const candidates = fitted
      .map((line, index) => ({ line, index }))
      .filter(
        ({ line }) =>
          line.type !== "sales_tax" && (line.total_discount_amount ?? 0) - diff >= 0 && line.total_amount + diff >= 0
      )
      .sort((a, b) => b.line.total_amount - a.line.total_amount || a.index - b.index)
    const target = candidates[0]?.line
    if (!target) return undefined
    target.total_discount_amount = (target.total_discount_amount ?? 0) - diff
    target.total_amount += diff
    target.total_tax_amount = klarnaTaxAmount(BigInt(target.total_amount), target.tax_rate)
    fitted = fitted.filter((l) => l.quantity > 0 || l.total_amount !== 0)
  }
  return findKlarnaArithmeticViolation(fitted, amount, undefined, { amountField: "refunded_amount" })
    ? undefined
    : fitted
}
