/** Date helpers for the Klarna panel (no date library: Intl only). */

const DAY_MS = 24 * 60 * 60 * 1000

export const EXPIRY_WARNING_DAYS = 3

export type ExpiryState =
  | { kind: "none" }
  | { kind: "ok"; daysLeft: number }
  | { kind: "soon"; daysLeft: number; hoursLeft: number }
  | { kind: "expired" }

/**
 * Whether the authorization's expiry needs the admin's attention: only while something is left to
 * capture (nothing can be captured after `expires_at`); "soon" when fewer than 3 days remain.
 */
export function expiryState(
  expiresAt: string | null | undefined,
  remainingMinor: number,
  now: Date = new Date()
): ExpiryState {
  if (!expiresAt || remainingMinor <= 0) return { kind: "none" }
  const at = new Date(expiresAt).getTime()
  if (Number.isNaN(at)) return { kind: "none" }
  const left = at - now.getTime()
  if (left <= 0) return { kind: "expired" }
  const daysLeft = Math.floor(left / DAY_MS)
  if (left < EXPIRY_WARNING_DAYS * DAY_MS)
    return { kind: "soon", daysLeft, hoursLeft: Math.floor(left / (60 * 60 * 1000)) }
  return { kind: "ok", daysLeft }
}

export function formatDateTime(value: string | null | undefined, locale?: string): string {
  if (!value) return "-"
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return "-"
  return new Intl.DateTimeFormat(locale, {
    day: "2-digit",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(d)
}

export function formatDate(value: string | null | undefined, locale?: string): string {
  if (!value) return "-"
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return "-"
  return new Intl.DateTimeFormat(locale, { day: "2-digit", month: "short", year: "numeric" }).format(d)
}
