import type { OmOrder } from "../../../../lib/klarna/types"
import { authorizationRefusalView } from "../views"

const order = (order_amount: number, captured = 0) =>
  ({
    order_amount,
    captured_amount: captured,
    remaining_authorized_amount: order_amount - captured,
    purchase_currency: "SEK",
  }) as OmOrder

const refused = (to: number) => ({
  action: "update_authorization",
  outcome: "failed" as const,
  details: {
    from: 138233,
    to,
    last_error: { error_code: "NOT_ALLOWED", error_messages: ["risk"], correlation_id: "c-1" },
  },
  created_at: new Date("2026-12-07T10:00:00Z"),
})

describe("authorizationRefusalView", () => {
  it("says what was asked, what Klarna still authorizes and what is uncovered", () => {
    expect(authorizationRefusalView(order(138233, 100000), [refused(148232)])).toMatchObject({
      requested_order_amount: { minor: 148232, major: 1482.32 },
      authorized_order_amount: { minor: 138233, major: 1382.33 },
      remaining_authorized_amount: { minor: 38233 },
      uncovered_amount: { minor: 9999, major: 99.99 },
      klarna_error: { error_code: "NOT_ALLOWED", correlation_id: "c-1" },
    })
  })

  it("is null when the latest update succeeded, nothing was refused, or Klarna has since authorized enough", () => {
    const succeeded = { ...refused(148232), outcome: "succeeded" as const }
    expect(authorizationRefusalView(order(138233), [succeeded, refused(148232)])).toBeNull()
    expect(authorizationRefusalView(order(138233), [])).toBeNull()
    expect(authorizationRefusalView(order(148232), [refused(148232)])).toBeNull()
    expect(authorizationRefusalView(order(138233), [{ action: "capture", outcome: "failed" as const }])).toBeNull()
  })
})
