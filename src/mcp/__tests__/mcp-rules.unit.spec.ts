import { byUrgency, expiryCandidates, type AttentionOrder } from "../needing-attention"
import { parseOrderRef } from "../order-ref"
import { combineMcpSettings } from "../settings"

describe("parseOrderRef", () => {
  it.each([
    ["#1042", { display_id: 1042 }],
    ["1042", { display_id: 1042 }],
    [" #7 ", { display_id: 7 }],
    ["order_01JABCDEF", { id: "order_01JABCDEF" }],
  ])("%j → %j", (input, ref) => {
    expect(parseOrderRef(input)).toEqual(ref)
  })

  it.each(["", "#", "#0", "-5", "12.5", "cart_01J", "order_", "order_01J; drop", "#1e3", "9".repeat(16)])(
    "refuses %j",
    (input) => {
      expect(parseOrderRef(input)).toBeNull()
    }
  )
})

describe("combineMcpSettings", () => {
  const on = { enabled: true, read_only: false }
  it("is the most restrictive of the Klarna provider instances", () => {
    expect(combineMcpSettings([on])).toEqual(on)
    expect(combineMcpSettings([on, { enabled: true, read_only: true }])).toEqual({ enabled: true, read_only: true })
    expect(combineMcpSettings([on, { enabled: false, read_only: false }])).toEqual({ enabled: false, read_only: false })
  })
  it("is off without any Klarna provider", () => {
    expect(combineMcpSettings([]).enabled).toBe(false)
  })
})

describe("expiryCandidates", () => {
  const now = Date.parse("2026-05-01T00:00:00Z")
  const day = 24 * 3600 * 1000
  const payment = (id: string, expiresInDays: number | null, provider = "pp_klarna_klarna") => ({
    payment_collection_id: `pc_${id}`,
    provider_id: provider,
    data: {
      order_id: `ko_${id}`,
      ...(expiresInDays === null ? {} : { expires_at: new Date(now + expiresInDays * day).toISOString() }),
    },
  })

  it("keeps Klarna payments whose copy of expires_at is in the window (or unknown), soonest first, unknown last", () => {
    const { candidates, skipped } = expiryCandidates(
      [
        payment("late", 20),
        payment("unknown", null),
        payment("soon", 2),
        payment("past", -1),
        payment("edge", 7),
        payment("sys", 1, "pp_system_default"),
      ],
      now,
      7,
      10
    )
    expect(candidates.map((c) => c.klarna_order_id)).toEqual(["ko_past", "ko_soon", "ko_edge", "ko_unknown"])
    expect(skipped).toBe(0)
    expect(candidates[1]).toEqual({
      payment_collection_id: "pc_soon",
      provider_id: "pp_klarna_klarna",
      klarna_order_id: "ko_soon",
      expires_at: new Date(now + 2 * day).toISOString(),
    })
  })

  it("bounds the Klarna look-ups and says how many were left out", () => {
    const { candidates, skipped } = expiryCandidates(
      [1, 2, 3, 4, 5].map((d) => payment(`p${d}`, d)),
      now,
      7,
      2
    )
    expect(candidates.map((c) => c.klarna_order_id)).toEqual(["ko_p1", "ko_p2"])
    expect(skipped).toBe(3)
  })

  it("ignores payments without a Klarna order id", () => {
    expect(
      expiryCandidates([{ payment_collection_id: "pc_x", provider_id: "pp_klarna_klarna", data: {} }], now, 7, 5)
        .candidates
    ).toEqual([])
  })
})

describe("byUrgency", () => {
  const order = (id: string, reasons: AttentionOrder["reasons"], expires_at: string | null = null): AttentionOrder => ({
    order_id: id,
    display_id: null,
    provider_id: null,
    klarna_order_id: null,
    reasons,
    failed_captures: [],
    pending_captures: [],
    authorization: expires_at
      ? { expires_at, days_left: 1, status: "AUTHORIZED", remaining_authorized_amount: 1, currency_code: "sek" }
      : null,
    fraud_status: null,
    suggested_next_steps: [],
  })

  it("failed captures, then expiring authorizations (soonest first), then pending captures, then fraud reviews", () => {
    const sorted = [
      order("fraud", ["fraud_pending"]),
      order("pending", ["capture_pending"]),
      order("exp-late", ["authorization_expiring"], "2026-05-05T00:00:00Z"),
      order("failed", ["capture_pending", "capture_failed"]),
      order("exp-soon", ["authorization_expiring"], "2026-05-02T00:00:00Z"),
    ].sort(byUrgency)
    expect(sorted.map((o) => o.order_id)).toEqual(["failed", "exp-soon", "exp-late", "pending", "fraud"])
  })
})
