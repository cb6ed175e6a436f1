import { isRetryableFailure } from "./errors"

/**
 * Retry policy (pure). The mechanics (re-sending the same request with the same headers,
 * hence the same Klarna-Idempotency-Key and the identical body) are axios-retry's; see http.ts.
 */
export interface RetryOptions {
  /** retries after the first attempt (default 3) */
  retries?: number
  /** first backoff step (default 200 ms); step n waits minDelayMs · 2^(n-1), plus up to 25 % jitter */
  minDelayMs?: number
  /** cap of the backoff step (default 5000 ms); a server's Retry-After may ask for longer */
  maxDelayMs?: number
  /**
   * Budget for one call, all attempts and waits included (default 20000 ms). No retry starts
   * if its wait would end past the budget, and a retry's timeout is cut to what is left.
   */
  maxTotalMs?: number
}

export type RetryPolicy = Required<RetryOptions>

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  retries: 3,
  minDelayMs: 200,
  maxDelayMs: 5000,
  maxTotalMs: 20000,
})

function nonNegative(name: string, v: unknown, integer = false): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || (integer && !Number.isInteger(v))) {
    throw new TypeError(`Klarna option retry.${name} must be a non-negative ${integer ? "integer" : "number"}`)
  }
  return v
}

export function normalizeRetryPolicy(o: RetryOptions = {}): RetryPolicy {
  const p: RetryPolicy = {
    retries: nonNegative("retries", o.retries ?? DEFAULT_RETRY_POLICY.retries, true),
    minDelayMs: nonNegative("minDelayMs", o.minDelayMs ?? DEFAULT_RETRY_POLICY.minDelayMs),
    maxDelayMs: nonNegative("maxDelayMs", o.maxDelayMs ?? DEFAULT_RETRY_POLICY.maxDelayMs),
    maxTotalMs: nonNegative("maxTotalMs", o.maxTotalMs ?? DEFAULT_RETRY_POLICY.maxTotalMs),
  }
  if (p.maxDelayMs < p.minDelayMs) {
    throw new TypeError("Klarna option retry.maxDelayMs must be >= retry.minDelayMs")
  }
  return p
}

/**
 * `Retry-After` in ms: delta-seconds ("3") or an HTTP date. Undefined when absent or
 * unparseable; never negative.
 */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
  if (Array.isArray(value)) value = value[0]
  if (typeof value === "number") value = String(value)
  if (typeof value !== "string") return undefined
  const v = value.trim()
  if (v === "") return undefined
  if (/^\d+(\.\d+)?$/.test(v)) {
    return Math.round(Number(v) * 1000)
  }
  // an HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT") names its month; V8 would accept "-5" as a year
  if (!/[a-z]{3}/i.test(v)) return undefined
  const at = Date.parse(v)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, at - now)
}

/**
 * Klarna's `X-Ratelimit-Reset` (seconds until the window resets; an epoch value in seconds is
 * also understood). Used for 429 when there is no Retry-After.
 */
export function parseRateLimitReset(value: unknown, now: number = Date.now()): number | undefined {
  if (Array.isArray(value)) value = value[0]
  if (typeof value === "number") value = String(value)
  if (typeof value !== "string" || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined
  const n = Number(value)
  if (n > 1e9) return Math.max(0, Math.round(n * 1000 - now))
  return Math.round(n * 1000)
}

/** Exponential backoff with jitter for retry number n (1 = first retry). */
export function backoffDelay(retryNumber: number, p: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(p.maxDelayMs, p.minDelayMs * 2 ** Math.max(0, retryNumber - 1))
  return Math.min(p.maxDelayMs, Math.round(step * (1 + 0.25 * random())))
}

function header(headers: unknown, name: string): unknown {
  if (!headers || typeof headers !== "object") return undefined
  const h = headers as Record<string, unknown> & { get?: (n: string) => unknown }
  const v = h[name]
  if (v !== undefined) return v
  return typeof h.get === "function" ? h.get(name) : undefined
}

export interface RetryInput {
  /** the retry about to be made: 1 for the first retry */
  retryNumber: number
  /** ms since the call started (first attempt) */
  elapsedMs: number
  status?: number
  /** error code for failures without a response (ECONNRESET, ECONNABORTED, …) */
  code?: string
  headers?: unknown
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: string }

/**
 * Whether to retry and after how long. Network errors, timeouts, 5xx and 429 are retried,
 * other statuses never. The wait is the backoff, or the server's Retry-After when longer.
 */
export function decideRetry(
  input: RetryInput,
  p: RetryPolicy,
  now: number = Date.now(),
  random: () => number = Math.random
): RetryDecision {
  if (input.retryNumber > p.retries) {
    return { retry: false, reason: "attempts exhausted" }
  }
  if (!isRetryableFailure(input.status, input.code)) {
    return { retry: false, reason: "not retryable" }
  }
  let delayMs = backoffDelay(input.retryNumber, p, random)
  if (input.status !== undefined) {
    const ra =
      parseRetryAfter(header(input.headers, "retry-after"), now) ??
      (input.status === 429 ? parseRateLimitReset(header(input.headers, "x-ratelimit-reset"), now) : undefined)
    if (ra !== undefined && ra > delayMs) {
      delayMs = ra
    }
  }
  if (input.elapsedMs + delayMs >= p.maxTotalMs) {
    return { retry: false, reason: "time budget exhausted" }
  }
  return { retry: true, delayMs }
}
