import { toExactDecimal, type Fraction, type MoneyLike } from "../amounts"
import { add, ceilDiv, div, frac, minor, mul, round, sub } from "./fraction"
import { taxRateBasisPoints } from "./tax"

/**
 * Money of one item or shipping method, in minor units, before the order-level absorption.
 * `discount` is implied: quantity × unit_price − total (always ≥ 0 here).
 */
export interface DraftAmounts {
  quantity: bigint
  unit_price: bigint
  total: bigint
  tax_rate: number
  /** US only: the exact (unrounded) sales tax of this line. */
  tax: Fraction
}

export interface MoneyFields {
  quantity: MoneyLike
  unit_price: MoneyLike
  is_tax_inclusive?: boolean
  tax_lines?: { rate: MoneyLike }[]
  total: MoneyLike
  original_total: MoneyLike
  subtotal?: MoneyLike
  tax_total?: MoneyLike
}

export type TaxMode = "inclusive" | "us"

function present<T>(v: T | null | undefined): v is T {
  return v !== undefined && v !== null
}

function positiveQuantity(q: MoneyLike, what: string): bigint {
  const d = toExactDecimal(q)
  if (d.scale !== 0 || d.coefficient < 1n) {
    throw new Error(`${what}: quantity must be a positive integer, got ${String(q)}`)
  }
  return d.coefficient
}

/** 1 + Σ rate / 100, exactly. */
function taxMultiplier(taxLines: { rate: MoneyLike }[] | undefined): Fraction {
  let m = frac(1n)
  for (const { rate } of taxLines ?? []) {
    const d = toExactDecimal(rate)
    m = add(m, frac(d.coefficient, 100n * 10n ** BigInt(d.scale)))
  }
  return m
}

/**
 * Tax-inclusive markets: unit_price = original_total / quantity (incl. tax, before discounts),
 * total = total (incl. tax, after discounts).
 * US: the same amounts without tax (original: subtotal; after discounts: total − tax_total).
 * Each is rounded half away from zero; the unit price is raised to ⌈total / quantity⌉ when
 * rounding would otherwise make the discount negative.
 */
export function draftAmounts(f: MoneyFields, currency: string, mode: TaxMode, what: string): DraftAmounts {
  const q = positiveQuantity(f.quantity, what)
  const qf = frac(q)
  const mult = taxMultiplier(f.tax_lines)
  const unitTimesQ = () => mul(minor(f.unit_price, currency), qf)
  const originalInclTax = () =>
    present(f.original_total)
      ? minor(f.original_total, currency)
      : f.is_tax_inclusive
        ? unitTimesQ()
        : mul(unitTimesQ(), mult)
  const totalInclTax = minor(f.total, currency)

  let original: Fraction
  let total: Fraction
  let tax = frac(0n)
  if (mode === "inclusive") {
    original = originalInclTax()
    total = totalInclTax
  } else {
    tax = present(f.tax_total) ? minor(f.tax_total, currency) : sub(totalInclTax, div(totalInclTax, mult))
    total = sub(totalInclTax, tax)
    original = present(f.subtotal)
      ? minor(f.subtotal, currency)
      : f.is_tax_inclusive
        ? div(originalInclTax(), mult)
        : unitTimesQ()
  }

  const t = round(total)
  if (t < 0n) throw new Error(`${what}: total is negative (${String(f.total)})`)
  const rounded = round(div(original, qf))
  const minUnit = ceilDiv(t, q)
  return {
    quantity: q,
    unit_price: rounded > minUnit ? rounded : minUnit,
    total: t,
    tax_rate: mode === "inclusive" ? taxRateBasisPoints(f.tax_lines) : 0,
    tax,
  }
}
