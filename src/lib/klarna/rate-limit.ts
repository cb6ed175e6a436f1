/**
 * A token bucket per Klarna account: up to `perSecond` calls in any second, bursts included, and
 * calls over it wait their turn (first come, first served) instead of earning a 429. Hand-written
 * because the maintained rate limiters on npm are ESM-only and this package is CommonJS; it is
 * pure timing logic, unit-tested with a fake clock.
 */
export class RateLimiter {
  private tokens: number
  private last: number
  private readonly waiting: Array<() => void> = []
  private timer?: NodeJS.Timeout

  constructor(
    readonly perSecond: number,
    private readonly now: () => number = () => performance.now()
  ) {
    if (!(perSecond > 0)) throw new TypeError("Klarna rate limit must be a positive number of requests per second")
    this.tokens = perSecond
    this.last = this.now()
  }

  /** undefined when the call may go now (the fast path allocates nothing), else when it may */
  take(): Promise<void> | undefined {
    this.refill()
    if (this.tokens >= 1 && !this.waiting.length) {
      this.tokens -= 1
      return undefined
    }
    return new Promise((resolve) => {
      this.waiting.push(resolve)
      this.schedule()
    })
  }

  private refill(): void {
    const t = this.now()
    this.tokens = Math.min(this.perSecond, this.tokens + ((t - this.last) * this.perSecond) / 1000)
    this.last = t
  }

  private schedule(): void {
    if (this.timer) return
    const wait = Math.max(1, Math.ceil(((1 - this.tokens) * 1000) / this.perSecond))
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.refill()
      while (this.tokens >= 1 && this.waiting.length) {
        this.tokens -= 1
        this.waiting.shift()!()
      }
      if (this.waiting.length) this.schedule()
    }, wait)
    this.timer.unref?.()
  }
}

const shared = new Map<string, RateLimiter>()

/** One limiter per account (base URL + username), shared by every client of that account in the process. */
export function rateLimiterFor(account: string, perSecond: number): RateLimiter {
  const key = `${account}|${perSecond}`
  let limiter = shared.get(key)
  if (!limiter) shared.set(key, (limiter = new RateLimiter(perSecond)))
  return limiter
}
