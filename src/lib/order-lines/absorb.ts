/**
 * Makes the rounded line totals add up to the rounded order total.
 *
 * Each line is rounded on its own, so Σ total can miss round(order total) by a few minor units.
 * The difference d = target − Σ total is absorbed deterministically:
 * - lines are ranked by total_amount, largest first; ties keep their order (items, then shipping);
 * - d > 0: the first ranked line whose discount (quantity × unit_price − total) is ≥ d takes it
 *   (its discount shrinks by d, unit price unchanged); if none can, the largest line takes it and
 *   its unit_price rises to ⌈total / quantity⌉ so the discount stays ≥ 0;
 * - d < 0: ranked lines give up total (their discount grows) one after another, none below 0.
 * A difference larger than the number of lines + 1 is not rounding: it throws (e.g. gift cards
 * or store credit that the lines do not represent), as does a negative order total.
 */

import { ceilDiv } from "./fraction"

export interface AbsorbLine {
  quantity: bigint
  unit_price: bigint
  total: bigint
}

export function absorbRoundingDifference(lines: AbsorbLine[], target: bigint): void {
  if (target < 0n) throw new Error(`Order total is negative (${target} minor units)`)
  if (lines.length === 0) throw new Error("Order has no items or shipping methods")
  let diff = target - lines.reduce((sum, l) => sum + l.total, 0n)
  if (diff === 0n) return
  const tolerance = BigInt(lines.length + 1)
  if (diff > tolerance || -diff > tolerance) {
    throw new Error(
      `Order total (${target} minor units) differs from the sum of its items and shipping ` +
        `(${target - diff}) by ${diff}, more than rounding explains; ` +
        `credit lines or gift cards are not represented in Klarna order lines`
    )
  }
  const ranked = lines
    .map((line, index) => ({ line, index }))
    .sort((a, b) => (a.line.total === b.line.total ? a.index - b.index : a.line.total > b.line.total ? -1 : 1))
    .map(({ line }) => line)

  if (diff > 0n) {
    const fits = ranked.find((l) => l.quantity * l.unit_price - l.total >= diff)
    const line = fits ?? ranked[0]
    line.total += diff
    if (!fits) line.unit_price = ceilDiv(line.total, line.quantity)
    return
  }
  for (const line of ranked) {
    const take = line.total < -diff ? line.total : -diff
    line.total -= take
    diff += take
    if (diff === 0n) return
  }
  throw new Error("Order total cannot be reached without negative line totals")
}
