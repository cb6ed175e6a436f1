/**
 * Money conversion between Medusa (major units, BigNumber) and Klarna (integer minor units).
 *
 * Everything here is exact: values are parsed into a BigInt coefficient and a decimal scale,
 * never multiplied as floats (Medusa stores values such as 98.9009 or 84.9915).
 *
 * Rounding rule (the only one in the plugin): half away from zero, see `roundDiv`.
 * Pure: no Medusa imports, no I/O.
 */

/** What Medusa hands us for a money field. */
export type MoneyLike =
  | number
  | string
  | bigint
  | { value: string | number; precision?: number }
  | { numeric: number }
  | { toJSON(): unknown }

/** value = coefficient × 10^-scale, scale ≥ 0. */
export interface ExactDecimal {
  readonly coefficient: bigint
  readonly scale: number
}

/** value = num / den, den > 0. */
export interface Fraction {
  readonly num: bigint
  readonly den: bigint
}

const ZERO_DECIMALS = new Set([
  "BIF",
  "CLP",
  "DJF",
  "GNF",
  "ISK",
  "JPY",
  "KMF",
  "KRW",
  "PYG",
  "RWF",
  "UGX",
  "UYI",
  "VND",
  "VUV",
  "XAF",
  "XOF",
  "XPF",
])
const THREE_DECIMALS = new Set(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"])
const FOUR_DECIMALS = new Set(["CLF", "UYW"])

/** ISO 4217 minor-unit exponent (JPY 0, most 2, KWD/BHD 3); case-insensitive, default 2. */
export function currencyExponent(currency: string): number {
  if (typeof currency !== "string" || !/^[a-z]{3}$/i.test(currency.trim())) {
    throw new Error(`Invalid currency code: ${JSON.stringify(currency)}`)
  }
  const code = currency.trim().toUpperCase()
  if (ZERO_DECIMALS.has(code)) return 0
  if (THREE_DECIMALS.has(code)) return 3
  if (FOUR_DECIMALS.has(code)) return 4
  return 2
}

const DECIMAL_RE = /^([+-])?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i
const MAX_EXPONENT = 400

function pow10(n: number): bigint {
  return 10n ** BigInt(n)
}

function parseDecimalString(text: string): ExactDecimal {
  const s = text.trim()
  const m = DECIMAL_RE.exec(s)
  if (!m || (!m[2] && !m[3])) throw new Error(`Not a decimal number: ${JSON.stringify(text)}`)
  const [, sign, intPart = "", fracPart = "", expPart] = m
  const exp = expPart === undefined ? 0 : Number(expPart)
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > MAX_EXPONENT) {
    throw new Error(`Decimal exponent out of range: ${JSON.stringify(text)}`)
  }
  let coefficient = BigInt(intPart + fracPart || "0")
  let scale = fracPart.length - exp
  if (scale < 0) {
    coefficient *= pow10(-scale)
    scale = 0
  }
  if (sign === "-") coefficient = -coefficient
  return normalize({ coefficient, scale })
}

/** Strips trailing zeros; negative zero becomes zero (BigInt has no -0). */
function normalize(d: ExactDecimal): ExactDecimal {
  let { coefficient, scale } = d
  while (scale > 0 && coefficient % 10n === 0n) {
    coefficient /= 10n
    scale -= 1
  }
  return { coefficient, scale }
}

type Raw = number | string | bigint

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null
}

/**
 * Unwraps Medusa's BigNumber forms. Preference: the exact raw string (`raw.value` of a BigNumber
 * instance, or `value` of a raw object), then a decimal library's `toFixed()`, then `numeric`,
 * then `toJSON()`. `numeric`/`toJSON` are floats and come last.
 */
function unwrap(amount: unknown, depth = 0): Raw {
  if (typeof amount === "number" || typeof amount === "string" || typeof amount === "bigint") {
    return amount
  }
  if (isObject(amount) && depth < 4) {
    const raw = amount.raw
    if (isObject(raw) && raw.value !== undefined && raw.value !== null) return unwrap(raw.value, depth + 1)
    if (amount.value !== undefined && amount.value !== null) return unwrap(amount.value, depth + 1)
    const bn = amount.bigNumber
    if (isObject(bn) && typeof bn.toFixed === "function") return String(bn.toFixed())
    if (typeof amount.toFixed === "function") return String((amount.toFixed as () => unknown)())
    if (typeof amount.numeric === "number") return amount.numeric
    if (typeof amount.toJSON === "function") return unwrap((amount.toJSON as () => unknown)(), depth + 1)
  }
  throw new Error(`Not a money amount: ${describe(amount)}`)
}

function describe(v: unknown): string {
  try {
    return typeof v === "object" ? (JSON.stringify(v) ?? String(v)) : String(v)
  } catch {
    return String(v)
  }
}

/** Parses any MoneyLike into an exact decimal. Throws on NaN, ±Infinity and non-numbers. */
export function toExactDecimal(amount: MoneyLike): ExactDecimal {
  const raw = unwrap(amount)
  if (typeof raw === "bigint") return { coefficient: raw, scale: 0 }
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) throw new Error(`Not a finite money amount: ${raw}`)
    // String(n) is the shortest decimal that round-trips to n: 98.9009 → "98.9009", 1e-7 → "1e-7".
    return parseDecimalString(String(raw))
  }
  return parseDecimalString(raw)
}

/** Canonical plain decimal string of an exact value: "84.9915", "0.0000001", "-3". */
function decimalToString({ coefficient, scale }: ExactDecimal): string {
  const negative = coefficient < 0n
  const digits = (negative ? -coefficient : coefficient).toString().padStart(scale + 1, "0")
  const int = digits.slice(0, digits.length - scale)
  const frac = scale > 0 ? "." + digits.slice(digits.length - scale) : ""
  return (negative ? "-" : "") + int + frac
}

/** Exact canonical decimal string of a MoneyLike (no exponent, no trailing zeros, no -0). */
export function toDecimal(amount: MoneyLike): string {
  return decimalToString(toExactDecimal(amount))
}

/** Exact a − b as a canonical decimal string, e.g. 134.833 − 84.99 = "49.843". */
export function subtractMoney(a: MoneyLike, b: MoneyLike): string {
  const x = toExactDecimal(a)
  const y = toExactDecimal(b)
  const scale = Math.max(x.scale, y.scale)
  const coefficient = x.coefficient * pow10(scale - x.scale) - y.coefficient * pow10(scale - y.scale)
  return decimalToString(normalize({ coefficient, scale }))
}

/** Exact Σ amounts as a canonical decimal string (missing amounts count 0). */
export function sumMoney(amounts: (MoneyLike | null | undefined)[]): string {
  let scale = 0
  const parsed = amounts.filter((a) => a !== null && a !== undefined).map((a) => toExactDecimal(a as MoneyLike))
  for (const p of parsed) scale = Math.max(scale, p.scale)
  const coefficient = parsed.reduce((sum, p) => sum + p.coefficient * pow10(scale - p.scale), 0n)
  return decimalToString(normalize({ coefficient, scale }))
}

/** num / den rounded half away from zero (den ≠ 0). The plugin's single rounding rule. */
export function roundDiv(num: bigint, den: bigint): bigint {
  if (den === 0n) throw new Error("Division by zero")
  if (den < 0n) {
    num = -num
    den = -den
  }
  const negative = num < 0n
  const abs = negative ? -num : num
  const q = (abs * 2n + den) / (den * 2n)
  return negative ? -q : q
}

/** The exact, unrounded value of `amount` in minor units of `currency`, as a fraction. */
export function minorUnitsFraction(amount: MoneyLike, currency: string): Fraction {
  const d = toExactDecimal(amount)
  const exp = currencyExponent(currency)
  return { num: d.coefficient * pow10(exp), den: pow10(d.scale) }
}

/** Throws unless `n` is within ±Number.MAX_SAFE_INTEGER; returns it as a number. */
export function toSafeNumber(n: bigint, what = "amount"): number {
  if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Error(`${what} is not a safe integer: ${n}`)
  }
  return Number(n)
}

/**
 * Major units → integer minor units: exact decimal × 10^exponent, rounded half away from zero
 * (84.9915 SEK → 8499, 0.845 → 85, −0.845 → −85, 134.833 → 13483; 1.5 JPY → 2).
 * Throws on NaN, ±Infinity, non-numbers and results beyond Number.MAX_SAFE_INTEGER.
 */
export function toMinorUnits(amount: MoneyLike, currency: string): number {
  const f = minorUnitsFraction(amount, currency)
  return toSafeNumber(roundDiv(f.num, f.den), `Minor-unit amount of ${describe(amount)}`)
}

function assertMinor(minor: number): void {
  if (!Number.isSafeInteger(minor)) throw new Error(`Minor-unit amount must be a safe integer: ${minor}`)
}

/** Integer minor units → exact major-unit string: 13483 SEK → "134.83", 500 JPY → "500". */
export function minorToDecimalString(minor: number, currency: string): string {
  assertMinor(minor)
  const exp = currencyExponent(currency)
  const negative = minor < 0
  const digits = String(Math.abs(minor)).padStart(exp + 1, "0")
  const int = digits.slice(0, digits.length - exp)
  const frac = exp > 0 ? "." + digits.slice(digits.length - exp) : ""
  return (negative ? "-" : "") + int + frac
}

/** Integer minor units → major units as the nearest JS number (13483 SEK → 134.83). */
export function fromMinorUnits(minor: number, currency: string): number {
  return Number(minorToDecimalString(minor, currency))
}
