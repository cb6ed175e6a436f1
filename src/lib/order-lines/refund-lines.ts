import type { OrderLine } from "../klarna/types"

/**
 * Klarna lines for a refund, when the refunded amount is whole lines of the order: all of them
 * (a full refund) or exactly one line (a returned item line, or the shipping fee). Otherwise
 * undefined: Klarna then takes the amount alone, which is always valid.
 */
export function refundLinesFor(amount: number, orderLines: OrderLine[] | undefined): OrderLine[] | undefined {
  if (!orderLines?.length || amount <= 0) return undefined
  const total = orderLines.reduce((sum, l) => sum + l.total_amount, 0)
  if (amount === total) return orderLines
  const single = orderLines.find((l) => l.total_amount === amount && l.type !== "sales_tax")
  return single ? [single] : undefined
}
