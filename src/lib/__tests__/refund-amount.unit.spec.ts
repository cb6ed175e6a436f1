import { klarnaRefundAmount } from "../refund-amount"

/** Runs refunds one after another the way the provider does, Klarna's total fed back each time. */
function run(currency: string, refunds: string[]) {
  const sent: number[] = []
  let klarna = 0
  refunds.forEach((amount, i) => {
    const { minor, target } = klarnaRefundAmount({
      currency,
      medusaRefundsBefore: refunds.slice(0, i),
      amount,
      klarnaRefunded: klarna,
    })
    sent.push(minor)
    klarna += minor
    expect(klarna).toBe(target)
  })
  return sent
}

describe("klarnaRefundAmount", () => {
  it("carries sub-minor fractions: three refunds of 0.5 JPY send 1, 0, 1 (Σ 2 = round(1.5))", () => {
    expect(run("JPY", ["0.5", "0.5", "0.5"])).toEqual([1, 0, 1])
  })

  it("sends nothing for a refund that is 0 at Klarna, and the fraction comes back later", () => {
    expect(run("JPY", ["0.4"])).toEqual([0])
    expect(run("JPY", ["0.4", "0.4"])).toEqual([0, 1])
  })

  it("keeps Klarna at the rounded Σ after every refund in SEK with fractions of öre", () => {
    const refunds = ["10.005", "10.005", "0.004", "0.003", "99.999"]
    const sent = run("SEK", refunds)
    expect(sent).toEqual([1001, 1000, 0, 1, 10000])
    expect(sent.reduce((a, b) => a + b, 0)).toBe(12002) // round(120.016 × 100)
  })

  it("two equal refunds stay two refunds of the same amount", () => {
    expect(run("SEK", ["25", "25"])).toEqual([2500, 2500])
  })

  it("does not send again what Klarna already refunded (a refund Medusa dropped after Klarna took it)", () => {
    expect(
      klarnaRefundAmount({ currency: "SEK", medusaRefundsBefore: [], amount: "10", klarnaRefunded: 1000 })
    ).toEqual({ minor: 0, target: 1000 })
    expect(
      klarnaRefundAmount({ currency: "SEK", medusaRefundsBefore: [], amount: "10", klarnaRefunded: 1500 }).minor
    ).toBe(0)
  })

  it("takes Medusa's BigNumber shapes and refuses bad input", () => {
    expect(
      klarnaRefundAmount({
        currency: "KWD",
        medusaRefundsBefore: [{ value: "1.0005" }],
        amount: 2,
        klarnaRefunded: 1001,
      })
    ).toEqual({ minor: 2000, target: 3001 })
    expect(() =>
      klarnaRefundAmount({ currency: "SEK", medusaRefundsBefore: [], amount: "-1", klarnaRefunded: 0 })
    ).toThrow(/negative/)
    expect(() =>
      klarnaRefundAmount({ currency: "SEK", medusaRefundsBefore: [], amount: "1", klarnaRefunded: -1 })
    ).toThrow(/refunded amount/)
  })
})
