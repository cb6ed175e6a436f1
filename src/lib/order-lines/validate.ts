import { MAX_NAME, MAX_REFERENCE, MAX_URL } from "./fields"
import { MAX_TAX_RATE, taxWithinTolerance } from "./tax"
import type { KlarnaOrderLine } from "./types"

/**
 * Klarna's order-line rules (its API reference's order-line arithmetic, the OM Swagger limits), checked exactly.
 * The first violated rule is reported with its field path, e.g. `order_lines[2].total_tax_amount`.
 *
 * A `sales_tax` line (US) is tax itself: it must have tax_rate 0 and total_tax_amount equal to its
 * total_amount, so that order_tax_amount = Σ total_tax_amount = the sales_tax line's total_amount
 * (Klarna's US rule). Every other line: |total_tax_amount − total × rate / (10000 + rate)| ≤ 1.
 */

export const MAX_ORDER_LINES = 1000
export const MAX_QUANTITY = 100000
export const MAX_AMOUNT = 100000000

const LINE_TYPES = new Set([
  "physical",
  "digital",
  "shipping_fee",
  "sales_tax",
  "discount",
  "store_credit",
  "gift_card",
  "surcharge",
])

export interface KlarnaArithmeticViolation {
  path: string
  message: string
}

export class KlarnaArithmeticError extends Error {
  readonly path: string
  constructor(violation: KlarnaArithmeticViolation) {
    super(`${violation.path}: ${violation.message}`)
    this.name = "KlarnaArithmeticError"
    this.path = violation.path
  }
}

export interface ArithmeticOptions {
  /** name of the amount field in messages: "order_amount" (default) or "captured_amount" */
  amountField?: string
  taxAmountField?: string
}

const isInt = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v)

function checkInt(v: unknown, path: string, min: number, max: number): KlarnaArithmeticViolation | null {
  if (!isInt(v)) return { path, message: `must be an integer, got ${JSON.stringify(v)}` }
  if (v < min || v > max) return { path, message: `must be between ${min} and ${max}, got ${v}` }
  return null
}

function checkText(v: unknown, path: string, max: number, required: boolean): KlarnaArithmeticViolation | null {
  if (v === undefined && !required) return null
  if (typeof v !== "string") return { path, message: "must be a string" }
  if (required && v.trim() === "") return { path, message: "must not be empty" }
  if (v.length > max) return { path, message: `must be at most ${max} characters, has ${v.length}` }
  return null
}

function lineViolation(l: KlarnaOrderLine, p: string): KlarnaArithmeticViolation | null {
  if (!LINE_TYPES.has(l.type)) return { path: `${p}.type`, message: `unknown type ${JSON.stringify(l.type)}` }
  const fieldChecks = [
    checkText(l.name, `${p}.name`, MAX_NAME, true),
    checkText(l.reference, `${p}.reference`, MAX_REFERENCE, false),
    checkText(l.image_url, `${p}.image_url`, MAX_URL, false),
    checkText(l.product_url, `${p}.product_url`, MAX_URL, false),
    checkText(l.merchant_data, `${p}.merchant_data`, MAX_URL, false),
    checkInt(l.quantity, `${p}.quantity`, 0, MAX_QUANTITY),
    checkInt(l.unit_price, `${p}.unit_price`, -MAX_AMOUNT, MAX_AMOUNT),
    checkInt(l.tax_rate, `${p}.tax_rate`, 0, MAX_TAX_RATE),
    checkInt(l.total_discount_amount, `${p}.total_discount_amount`, 0, MAX_AMOUNT),
    checkInt(l.total_amount, `${p}.total_amount`, -MAX_AMOUNT, MAX_AMOUNT),
    checkInt(l.total_tax_amount, `${p}.total_tax_amount`, -MAX_AMOUNT, MAX_AMOUNT),
  ]
  const bad = fieldChecks.find((v) => v !== null)
  if (bad) return bad
  const expected = BigInt(l.quantity) * BigInt(l.unit_price) - BigInt(l.total_discount_amount ?? 0)
  if (BigInt(l.total_amount) !== expected) {
    return {
      path: `${p}.total_amount`,
      message: `must equal quantity × unit_price − total_discount_amount = ${expected}, got ${l.total_amount}`,
    }
  }
  if (l.type === "sales_tax") {
    if (l.tax_rate !== 0) return { path: `${p}.tax_rate`, message: "must be 0 on a sales_tax line" }
    if (l.total_tax_amount !== l.total_amount) {
      return { path: `${p}.total_tax_amount`, message: "must equal total_amount on a sales_tax line" }
    }
    return null
  }
  if (!taxWithinTolerance(l.total_amount, l.tax_rate, l.total_tax_amount)) {
    const exact = (l.total_amount * l.tax_rate) / (10000 + l.tax_rate)
    return {
      path: `${p}.total_tax_amount`,
      message: `must be within ±1 of total_amount × tax_rate / (10000 + tax_rate) = ${exact}, got ${l.total_tax_amount}`,
    }
  }
  return null
}

/** The first violated rule, or null when lines, amount and (if given) tax amount are valid. */
export function findKlarnaArithmeticViolation(
  lines: readonly KlarnaOrderLine[],
  amount: number,
  taxAmount?: number,
  options: ArithmeticOptions = {}
): KlarnaArithmeticViolation | null {
  const amountField = options.amountField ?? "order_amount"
  const taxField = options.taxAmountField ?? "order_tax_amount"
  if (!Array.isArray(lines) || lines.length < 1 || lines.length > MAX_ORDER_LINES) {
    return { path: "order_lines", message: `must hold 1 to ${MAX_ORDER_LINES} lines` }
  }
  let sum = 0n
  let taxSum = 0n
  for (let i = 0; i < lines.length; i++) {
    const v = lineViolation(lines[i], `order_lines[${i}]`)
    if (v) return v
    sum += BigInt(lines[i].total_amount)
    taxSum += BigInt(lines[i].total_tax_amount)
  }
  const amountCheck = checkInt(amount, amountField, 0, MAX_AMOUNT)
  if (amountCheck) return amountCheck
  if (BigInt(amount) !== sum) {
    return { path: amountField, message: `must equal Σ order_lines[].total_amount = ${sum}, got ${amount}` }
  }
  if (taxAmount !== undefined && (!isInt(taxAmount) || BigInt(taxAmount) !== taxSum)) {
    return { path: taxField, message: `must equal Σ order_lines[].total_tax_amount = ${taxSum}, got ${taxAmount}` }
  }
  return null
}

/** Throws a KlarnaArithmeticError naming the first violated rule's field path. */
export function assertKlarnaArithmetic(
  lines: readonly KlarnaOrderLine[],
  amount: number,
  taxAmount?: number,
  options?: ArithmeticOptions
): void {
  const v = findKlarnaArithmeticViolation(lines, amount, taxAmount, options)
  if (v) throw new KlarnaArithmeticError(v)
}
