/**
 * What PostgreSQL stores in a text or jsonb column without refusing it: no NUL character
 * (text and jsonb reject \u0000) and no lone UTF-16 surrogate (invalid Unicode). Used for the
 * action log, which records what already happened at Klarna, so its write must not fail on
 * whatever strings came along.
 */
const NUL = /\u0000/g
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

export function storableText(value: string): string {
  return value.replace(NUL, "\ufffd").replace(LONE_SURROGATE, "\ufffd")
}

const MAX_DEPTH = 20

/** A JSON-safe copy: strings made storable, non-finite numbers → null, undefined/functions dropped. */
export function storableJson(value: unknown, depth = 0): unknown {
  if (value === null || typeof value === "boolean") return value
  if (typeof value === "string") return storableText(value)
  if (typeof value === "number") return Number.isFinite(value) ? value : null
  if (typeof value === "bigint") return value.toString()
  if (depth >= MAX_DEPTH || typeof value !== "object") return null
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
  if (Array.isArray(value))
    return value.map((v) => (v === undefined || typeof v === "function" ? null : storableJson(v, depth + 1)))
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined || typeof v === "function" || typeof v === "symbol") continue
    out[storableText(k)] = storableJson(v, depth + 1)
  }
  return out
}
