import type { OmOrder } from "./klarna/types"

export type CancelOperation = "cancel" | "release" | "none"

/**
 * What a canceled Medusa order needs at Klarna, decided from Klarna's order alone: nothing
 * captured → cancel; partly captured → release what is still authorized; fully captured,
 * expired or closed → nothing. `needed` is false when Klarna is already in that end state
 * (cancelled, or released), so a second run makes no call.
 */
export function cancelOperationFor(
  order: Pick<OmOrder, "status" | "captured_amount" | "remaining_authorized_amount">
): { operation: CancelOperation; needed: boolean } {
  if (order.status === "CANCELLED") return { operation: "cancel", needed: false }
  if (order.status === "EXPIRED" || order.status === "CLOSED") return { operation: "none", needed: false }
  if (order.captured_amount === 0) return { operation: "cancel", needed: true }
  if (order.remaining_authorized_amount > 0) return { operation: "release", needed: true }
  return { operation: "none", needed: false }
}

/** Klarna orders that can no longer be captured or extended. */
export function isKlarnaOrderClosed(order: Pick<OmOrder, "status" | "remaining_authorized_amount">): boolean {
  return ["CANCELLED", "CLOSED", "EXPIRED"].includes(order.status) || order.remaining_authorized_amount <= 0
}
