import { RateLimiter } from "../rate-limit"

describe("RateLimiter (token bucket per Klarna account)", () => {
  beforeEach(() => jest.useFakeTimers())
  afterEach(() => jest.useRealTimers())

  it("lets a burst of up to perSecond calls go at once, then spaces the rest at the rate, in order", async () => {
    let t = 0
    const limiter = new RateLimiter(10, () => t)
    for (let i = 0; i < 10; i++) expect(limiter.take()).toBeUndefined()
    const order: number[] = []
    const waits = [1, 2, 3].map((n) => limiter.take()!.then(() => order.push(n)))
    expect(waits).toHaveLength(3)

    t = 99
    jest.advanceTimersByTime(99)
    await Promise.resolve()
    expect(order).toEqual([])
    t = 100
    jest.advanceTimersByTime(1)
    await Promise.resolve()
    expect(order).toEqual([1])
    t = 300
    jest.advanceTimersByTime(200)
    await Promise.all(waits)
    expect(order).toEqual([1, 2, 3])
  })

  it("refills over time up to one second's worth, never more", () => {
    let t = 0
    const limiter = new RateLimiter(2, () => t)
    expect(limiter.take()).toBeUndefined()
    expect(limiter.take()).toBeUndefined()
    t = 500
    expect(limiter.take()).toBeUndefined()
    expect(limiter.take()).toBeInstanceOf(Promise)
    const idle = new RateLimiter(2, () => t)
    t += 60_000
    expect(idle.take()).toBeUndefined()
    expect(idle.take()).toBeUndefined()
    expect(idle.take()).toBeInstanceOf(Promise)
  })

  it("refuses a rate that is not positive", () => {
    expect(() => new RateLimiter(0)).toThrow(/positive/)
  })
})
