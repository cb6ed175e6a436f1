import { minorUnitsFraction, roundDiv, type Fraction, type MoneyLike } from "../amounts"

/** Exact rational arithmetic on minor-unit amounts (BigInt num/den, den > 0). */

export function frac(num: bigint, den: bigint = 1n): Fraction {
  if (den === 0n) throw new Error("Division by zero")
  return den < 0n ? { num: -num, den: -den } : { num, den }
}

export function minor(amount: MoneyLike, currency: string): Fraction {
  return minorUnitsFraction(amount, currency)
}

export function add(a: Fraction, b: Fraction): Fraction {
  return frac(a.num * b.den + b.num * a.den, a.den * b.den)
}

export function sub(a: Fraction, b: Fraction): Fraction {
  return frac(a.num * b.den - b.num * a.den, a.den * b.den)
}

export function mul(a: Fraction, b: Fraction): Fraction {
  return frac(a.num * b.num, a.den * b.den)
}

export function div(a: Fraction, b: Fraction): Fraction {
  return frac(a.num * b.den, a.den * b.num)
}

/** Rounded half away from zero. */
export function round(a: Fraction): bigint {
  return roundDiv(a.num, a.den)
}

/** Smallest integer ≥ a/b for integers, b > 0. */
export function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b
  return q * b < a ? q + 1n : q
}
