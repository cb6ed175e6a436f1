import type { OrderLine } from "./state"

/**
 * Klarna's order-line arithmetic (the rules of its order_line object). Every function returns
 * "Bad value: <field> (...)" messages naming the offending field; empty = all good.
 */

export function lineErrors(lines: OrderLine[]): string[] {
  const errors: string[] = []
  lines.forEach((line, i) => {
    const field = `order_lines[${i}]`
    const expectedTotal = line.quantity * line.unit_price - (line.total_discount_amount ?? 0)
    if (line.total_amount !== expectedTotal) {
      errors.push(
        `Bad value: ${field}.total_amount (quantity × unit_price − total_discount_amount = ${expectedTotal}, got ${line.total_amount})`
      )
    }
    if (line.type === "sales_tax") return // US style: the line *is* the tax, it carries none itself
    const rate = line.tax_rate ?? 0
    const tax = line.total_tax_amount ?? 0
    if (!taxWithinOne(line.total_amount, rate, tax)) {
      const expected = line.total_amount - (line.total_amount * 10000) / (10000 + rate)
      errors.push(
        `Bad value: ${field}.total_tax_amount (expected ${expected.toFixed(2)} ± 1 for tax_rate ${rate}, got ${tax})`
      )
    }
  })
  return errors
}

/**
 * |tax − (total − total·10000/(10000+rate))| ≤ 1, multiplied out by (10000+rate) so the
 * comparison stays in exact integers: |tax·(10000+rate) − total·rate| ≤ 10000+rate.
 */
export function taxWithinOne(totalAmount: number, taxRate: number, totalTaxAmount: number): boolean {
  const base = 10000 + taxRate
  return Math.abs(totalTaxAmount * base - totalAmount * taxRate) <= base
}

/** Σ total_amount must equal `amount` (the field named in the message). */
export function sumErrors(lines: OrderLine[], field: string, amount: number): string[] {
  const sum = lines.reduce((acc, line) => acc + line.total_amount, 0)
  return sum === amount
    ? []
    : [`Bad value: ${field} (${field} ${amount} does not equal the sum of order_lines.total_amount ${sum})`]
}

/** A `sales_tax` line's amount is the tax (US); other lines count their total_tax_amount. */
export function taxSumErrors(lines: OrderLine[], orderTaxAmount: number): string[] {
  const sum = lines.reduce(
    (acc, line) => acc + (line.type === "sales_tax" ? line.total_amount : (line.total_tax_amount ?? 0)),
    0
  )
  return sum === orderTaxAmount
    ? []
    : [
        `Bad value: order_tax_amount (order_tax_amount ${orderTaxAmount} does not equal the sum of order_lines.total_tax_amount ${sum})`,
      ]
}

/** A whole KP purchase: each line, Σ total_amount = order_amount, Σ tax = order_tax_amount when given. */
export function purchaseErrors(data: {
  order_amount: number
  order_tax_amount?: number
  order_lines: OrderLine[]
}): string[] {
  return [
    ...lineErrors(data.order_lines),
    ...sumErrors(data.order_lines, "order_amount", data.order_amount),
    ...(data.order_tax_amount === undefined ? [] : taxSumErrors(data.order_lines, data.order_tax_amount)),
  ]
}
