import {
  backoffDelay,
  decideRetry,
  DEFAULT_RETRY_POLICY,
  normalizeRetryPolicy,
  parseRateLimitReset,
  parseRetryAfter,
  type RetryPolicy,
} from "../retry"

const NOW = Date.parse("2025-01-01T12:00:00Z")
const policy: RetryPolicy = { retries: 3, minDelayMs: 200, maxDelayMs: 5000, maxTotalMs: 20000 }
const noJitter = () => 0
const fullJitter = () => 0.999999

describe("parseRetryAfter", () => {
  it("reads delta-seconds", () => {
    expect(parseRetryAfter("3", NOW)).toBe(3000)
    expect(parseRetryAfter(" 0 ", NOW)).toBe(0)
    expect(parseRetryAfter("1.5", NOW)).toBe(1500)
    expect(parseRetryAfter(["2"], NOW)).toBe(2000)
  })
  it("reads an HTTP date", () => {
    expect(parseRetryAfter("Wed, 01 Jan 2025 12:00:07 GMT", NOW)).toBe(7000)
    expect(parseRetryAfter("Wed, 01 Jan 2025 11:59:00 GMT", NOW)).toBe(0) // in the past
  })
  it("ignores absent or garbage values", () => {
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined()
    expect(parseRetryAfter("", NOW)).toBeUndefined()
    expect(parseRetryAfter("soon", NOW)).toBeUndefined()
    expect(parseRetryAfter("-5", NOW)).toBeUndefined()
  })
})

describe("parseRateLimitReset", () => {
  it("reads seconds from now, or epoch seconds", () => {
    expect(parseRateLimitReset("2", NOW)).toBe(2000)
    expect(parseRateLimitReset(String(NOW / 1000 + 4), NOW)).toBe(4000)
    expect(parseRateLimitReset("x", NOW)).toBeUndefined()
  })
})

describe("backoffDelay", () => {
  it("doubles from minDelayMs and caps at maxDelayMs", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, policy, noJitter))).toEqual([
      200, 400, 800, 1600, 3200, 5000, 5000,
    ])
  })
  it("adds up to 25 % jitter, never beyond the cap", () => {
    expect(backoffDelay(1, policy, fullJitter)).toBe(250)
    expect(backoffDelay(3, policy, fullJitter)).toBe(1000)
    expect(backoffDelay(6, policy, fullJitter)).toBe(5000)
    const seen = new Set(Array.from({ length: 50 }, () => backoffDelay(2, policy)))
    expect(seen.size).toBeGreaterThan(1)
    for (const d of seen) {
      expect(d).toBeGreaterThanOrEqual(400)
      expect(d).toBeLessThanOrEqual(500)
    }
  })
})

describe("decideRetry", () => {
  const base = { retryNumber: 1, elapsedMs: 0 }

  it.each([500, 502, 503, 504, 429])("retries HTTP %i", (status) => {
    expect(decideRetry({ ...base, status }, policy, NOW, noJitter)).toEqual({ retry: true, delayMs: 200 })
  })

  it.each([400, 401, 403, 404, 409, 422])("never retries HTTP %i", (status) => {
    expect(decideRetry({ ...base, status, headers: { "retry-after": "1" } }, policy, NOW).retry).toBe(false)
  })

  it.each(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ECONNABORTED", "ETIMEDOUT", "EAI_AGAIN"])(
    "retries network error %s",
    (code) => {
      expect(decideRetry({ ...base, code }, policy, NOW, noJitter).retry).toBe(true)
    }
  )

  it.each(["ENOTFOUND", "ERR_CANCELED", "CERT_HAS_EXPIRED", "ERR_INVALID_URL", undefined])(
    "does not retry %s",
    (code) => {
      expect(decideRetry({ ...base, code }, policy, NOW).retry).toBe(false)
    }
  )

  it("honours a longer Retry-After (seconds or date), even above maxDelayMs", () => {
    expect(decideRetry({ ...base, status: 429, headers: { "retry-after": "7" } }, policy, NOW, noJitter)).toEqual({
      retry: true,
      delayMs: 7000,
    })
    expect(
      decideRetry(
        { ...base, status: 503, headers: { "retry-after": "Wed, 01 Jan 2025 12:00:02 GMT" } },
        policy,
        NOW,
        noJitter
      )
    ).toEqual({ retry: true, delayMs: 2000 })
  })

  it("keeps the backoff when Retry-After is shorter", () => {
    expect(
      decideRetry({ retryNumber: 3, elapsedMs: 0, status: 429, headers: { "retry-after": "0" } }, policy, NOW, noJitter)
    ).toEqual({ retry: true, delayMs: 800 })
  })

  it("falls back to X-Ratelimit-Reset on 429", () => {
    expect(decideRetry({ ...base, status: 429, headers: { "x-ratelimit-reset": "3" } }, policy, NOW, noJitter)).toEqual(
      { retry: true, delayMs: 3000 }
    )
  })

  it("reads headers through a get() accessor (AxiosHeaders)", () => {
    const headers = { get: (n: string) => (n === "retry-after" ? "4" : undefined) }
    expect(decideRetry({ ...base, status: 429, headers }, policy, NOW, noJitter)).toEqual({
      retry: true,
      delayMs: 4000,
    })
  })

  it("stops after `retries` retries", () => {
    expect(decideRetry({ retryNumber: 3, elapsedMs: 0, status: 503 }, policy, NOW).retry).toBe(true)
    expect(decideRetry({ retryNumber: 4, elapsedMs: 0, status: 503 }, policy, NOW)).toEqual({
      retry: false,
      reason: "attempts exhausted",
    })
    expect(decideRetry({ retryNumber: 1, elapsedMs: 0, status: 503 }, { ...policy, retries: 0 }, NOW).retry).toBe(false)
  })

  it("stops when the wait would end past the time budget", () => {
    expect(decideRetry({ retryNumber: 1, elapsedMs: 19700, status: 503 }, policy, NOW, noJitter).retry).toBe(true)
    expect(decideRetry({ retryNumber: 1, elapsedMs: 19800, status: 503 }, policy, NOW, noJitter)).toEqual({
      retry: false,
      reason: "time budget exhausted",
    })
    expect(decideRetry({ ...base, status: 429, headers: { "retry-after": "30" } }, policy, NOW, noJitter).retry).toBe(
      false
    )
  })
})

describe("normalizeRetryPolicy", () => {
  it("fills defaults", () => {
    expect(normalizeRetryPolicy()).toEqual(DEFAULT_RETRY_POLICY)
    expect(normalizeRetryPolicy({ retries: 0 })).toEqual({ ...DEFAULT_RETRY_POLICY, retries: 0 })
    expect(DEFAULT_RETRY_POLICY).toEqual({ retries: 3, minDelayMs: 200, maxDelayMs: 5000, maxTotalMs: 20000 })
  })
  it("rejects invalid values, naming them", () => {
    expect(() => normalizeRetryPolicy({ retries: -1 })).toThrow(/retries/)
    expect(() => normalizeRetryPolicy({ retries: 1.5 })).toThrow(/retries/)
    expect(() => normalizeRetryPolicy({ minDelayMs: NaN })).toThrow(/minDelayMs/)
    expect(() => normalizeRetryPolicy({ minDelayMs: 100, maxDelayMs: 50 })).toThrow(/maxDelayMs/)
  })
})
