import { expiryState } from "../dates"

const now = new Date("2026-03-01T12:00:00Z")
const inHours = (h: number) => new Date(now.getTime() + h * 3600_000).toISOString()

describe("authorization expiry warning", () => {
  it("is quiet while more than 3 days remain", () => {
    expect(expiryState(inHours(28 * 24), 100, now)).toEqual({ kind: "ok", daysLeft: 28 })
    expect(expiryState(inHours(72), 100, now)).toEqual({ kind: "ok", daysLeft: 3 })
  })

  it("warns when fewer than 3 days remain", () => {
    expect(expiryState(inHours(71), 100, now)).toEqual({ kind: "soon", daysLeft: 2, hoursLeft: 71 })
    expect(expiryState(inHours(5), 100, now)).toEqual({ kind: "soon", daysLeft: 0, hoursLeft: 5 })
  })

  it("says when the authorization has expired", () => {
    expect(expiryState(inHours(-1), 100, now)).toEqual({ kind: "expired" })
  })

  it("does not warn when nothing is left to capture or nothing is known", () => {
    expect(expiryState(inHours(5), 0, now)).toEqual({ kind: "none" })
    expect(expiryState(null, 100, now)).toEqual({ kind: "none" })
    expect(expiryState("not a date", 100, now)).toEqual({ kind: "none" })
  })
})
