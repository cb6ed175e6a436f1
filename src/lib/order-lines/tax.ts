import { roundDiv, toExactDecimal, toSafeNumber, type MoneyLike } from "../amounts"

/** Klarna's tax_rate cap: 100 % in basis points. */
export const MAX_TAX_RATE = 10000

/**
 * Medusa tax lines (percent, e.g. 25 or 7.7) → Klarna basis points (2500, 770): the rates are
 * summed exactly, × 100, rounded half away from zero (8.875 % → 888).
 */
export function taxRateBasisPoints(taxLines: { rate: MoneyLike }[] | null | undefined): number {
  let num = 0n
  let scale = 0
  for (const line of taxLines ?? []) {
    const d = toExactDecimal(line.rate)
    if (d.scale > scale) {
      num *= 10n ** BigInt(d.scale - scale)
      scale = d.scale
    }
    num += d.coefficient * 10n ** BigInt(scale - d.scale)
  }
  const bp = roundDiv(num * 100n, 10n ** BigInt(scale))
  if (bp < 0n || bp > BigInt(MAX_TAX_RATE)) {
    throw new Error(`Tax rate out of range (0–100 %): ${toSafeNumber(bp)} basis points`)
  }
  return Number(bp)
}

/**
 * Klarna's tax amount of a tax-inclusive total: total − total × 10000 / (10000 + rate), computed
 * exactly as total × rate / (10000 + rate) and rounded half away from zero.
 */
export function klarnaTaxAmount(totalAmount: number | bigint, taxRate: number | bigint): number {
  const t = BigInt(totalAmount)
  const r = BigInt(taxRate)
  return toSafeNumber(roundDiv(t * r, 10000n + r), "total_tax_amount")
}

/** Klarna's tolerance: |tax − total × rate / (10000 + rate)| ≤ 1, checked exactly. */
export function taxWithinTolerance(totalAmount: number, taxRate: number, taxAmount: number): boolean {
  const r = BigInt(taxRate)
  const den = 10000n + r
  const diff = BigInt(taxAmount) * den - BigInt(totalAmount) * r
  return (diff < 0n ? -diff : diff) <= den
}
