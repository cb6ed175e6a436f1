import type { OrderLine } from "../klarna/types"
import { buildCaptureLines } from "./capture-lines"
import { klarnaTaxAmount } from "./tax"
import type { KlarnaOrderLine, OrderLinesResult } from "./types"
import { findKlarnaArithmeticViolation } from "./validate"

/**
 * Klarna lines for a refund of the whole order (every line), else undefined: a refund with no
 * item behind it is amount-only (a goodwill refund equal to the shipping fee is not shipping).
 */
export function refundLinesFor(amount: number, orderLines: OrderLine[] | undefined): OrderLine[] | undefined {
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
  const result = buildCaptureLines({ order, alreadyCaptured: alreadyReturned, toCapture: returned, includeShipping: false })
  return { order_lines: result.order_lines, amount: result.captured_amount }
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
      .filter(({ line }) => line.type !== "sales_tax" && line.total_discount_amount - diff >= 0 && line.total_amount + diff >= 0)
      .sort((a, b) => b.line.total_amount - a.line.total_amount || a.index - b.index)
    const target = candidates[0]?.line
    if (!target) return undefined
    target.total_discount_amount -= diff
    target.total_amount += diff
    target.total_tax_amount = klarnaTaxAmount(BigInt(target.total_amount), target.tax_rate)
    fitted = fitted.filter((l) => l.quantity > 0 || l.total_amount !== 0)
  }
  return findKlarnaArithmeticViolation(fitted, amount, undefined, { amountField: "refunded_amount" }) ? undefined : fitted
}
