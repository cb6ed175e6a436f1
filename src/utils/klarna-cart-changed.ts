import type { KlarnaCartSnapshot } from "../providers/klarna/session-data"

/** Key-order-independent JSON, so two snapshots of the same cart compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`
  }
  return JSON.stringify(value)
}

/**
 * Whether what the Klarna session carries is no longer the cart: any line (name, quantity, price,
 * tax, discount, reference), the amounts, the country or currency, or an address. Not only the
 * total: a cart edited to the same total has other lines.
 */
export function klarnaCartChanged(previous: KlarnaCartSnapshot | undefined, current: KlarnaCartSnapshot): boolean {
  return !previous || canonical(previous) !== canonical(current)
}
