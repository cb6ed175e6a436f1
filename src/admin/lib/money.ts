/** Display helpers for amounts: Klarna speaks integer minor units, Medusa major units. */

const exponentCache = new Map<string, number>()

/** Number of minor-unit digits of a currency (SEK 2, JPY 0, KWD 3), as Intl knows it. */
export function currencyExponent(currency: string): number {
  const code = currency.toUpperCase()
  let exp = exponentCache.get(code)
  if (exp === undefined) {
    try {
      exp =
        new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits ?? 2
    } catch {
      exp = 2
    }
    exponentCache.set(code, exp)
  }
  return exp
}

export function minorToMajor(minor: number, currency: string): number {
  return minor / 10 ** currencyExponent(currency)
}

function formatter(currency: string, locale?: string) {
  const code = currency.toUpperCase()
  const digits = currencyExponent(code)
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency: code,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })
}

/** 12345 SEK → "SEK 123.45" (locale-dependent). */
export function formatMinor(minor: number | null | undefined, currency: string, locale?: string): string {
  if (minor === null || minor === undefined || !Number.isFinite(minor)) return "-"
  return formatter(currency, locale).format(minorToMajor(minor, currency))
}

/** A major amount (Medusa's), rounded to the currency's minor unit for display. */
export function formatMajor(major: number | null | undefined, currency: string, locale?: string): string {
  if (major === null || major === undefined || !Number.isFinite(major)) return "-"
  return formatter(currency, locale).format(major)
}

/** Major → minor, rounded half away from zero (display estimates only; the server does exact money). */
export function majorToMinor(major: number, currency: string): number {
  const factor = 10 ** currencyExponent(currency)
  const scaled = Math.abs(major) * factor
  // strip float noise (e.g. 1.005 * 100 = 100.49999…) before rounding
  const rounded = Math.round(Number(scaled.toPrecision(12)))
  return major < 0 ? -rounded : rounded
}
