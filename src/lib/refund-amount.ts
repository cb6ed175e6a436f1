import { minorUnitsFraction, roundDiv, toSafeNumber, type MoneyLike } from "./amounts"

/**
 * How much one Medusa refund refunds at Klarna, so that after it Klarna's refunded amount is the
 * exact Σ of the order's Medusa refunds (this one included), rounded once. Fractions below the
 * minor unit are carried to the next refund instead of being rounded away on each one
 * (three refunds of 0.5 JPY: 1, 0, 1 → Σ 2 = round(1.5)). Klarna's refunded amount is read, not
 * assumed, so a refund that Klarna took but Medusa dropped (e.g. after a lost answer) is not sent
 * again. Never negative: 0 means "record it in Medusa, send nothing to Klarna".
 */
export interface KlarnaRefundAmountInput {
  currency: string
  /** the payment's Medusa refunds before this one (major units, exact) */
  medusaRefundsBefore: MoneyLike[]
  /** this refund (major units, exact) */
  amount: MoneyLike
  /** Klarna's `refunded_amount` of the order before this refund (minor units) */
  klarnaRefunded: number
}

export interface KlarnaRefundAmount {
  /** minor units to send to Klarna now; 0 = no call */
  minor: number
  /** round(Σ Medusa refunds including this one), in minor units */
  target: number
}

export function klarnaRefundAmount(input: KlarnaRefundAmountInput): KlarnaRefundAmount {
  if (!Number.isSafeInteger(input.klarnaRefunded) || input.klarnaRefunded < 0) {
    throw new Error(`Klarna's refunded amount must be a non-negative integer, got ${input.klarnaRefunded}`)
  }
  let num = 0n
  let den = 1n
  for (const amount of [...input.medusaRefundsBefore, input.amount]) {
    const f = minorUnitsFraction(amount, input.currency)
    if (f.num < 0n) throw new Error("Refund amounts must not be negative")
    num = num * f.den + f.num * den
    den *= f.den
  }
  const target = toSafeNumber(roundDiv(num, den), "refund total")
  return { minor: Math.max(0, target - input.klarnaRefunded), target }
}
