import { toDecimal, type MoneyLike } from "../../../lib/amounts"

/** An order line item as the extension job reads it (quantities may come as Medusa's BigNumber shapes). */
export interface ShippableItem {
  quantity: MoneyLike
  detail?: { shipped_quantity?: MoneyLike; fulfilled_quantity?: MoneyLike } | null
}

export type CaptureOn = "shipment" | "fulfillment" | "manual"

const count = (v: MoneyLike | undefined | null): number => (v === undefined || v === null ? 0 : Number(toDecimal(v)))

/**
 * Whether an order still needs its Klarna authorization: some unit is still to be captured by the
 * plugin (not yet shipped, or with `capture_on: fulfillment` not yet fulfilled), or a capture is
 * still pending or failed (it is retried against the authorization). With `capture_on: manual` the
 * admin captures by hand, whatever ships: the authorization is needed while Klarna holds any.
 */
export function orderNeedsAuthorization(input: {
  capture_on: CaptureOn
  items: (ShippableItem | null)[]
  /** capture records of the order still pending or failed */
  open_captures: number
}): boolean {
  if (input.capture_on === "manual" || input.open_captures > 0) return true
  const done = (item: ShippableItem) =>
    count(input.capture_on === "fulfillment" ? item.detail?.fulfilled_quantity : item.detail?.shipped_quantity)
  return input.items.some((item) => !!item && count(item.quantity) > done(item))
}
