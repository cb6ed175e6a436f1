import { MedusaError } from "@medusajs/framework/utils"
import { toMinorUnits } from "../../lib/amounts"
import type { OmOrder } from "../../lib/klarna/types"
import { buildCaptureLines, buildOrderLines, remainingUnits, type KlarnaOrderLine } from "../../lib/order-lines"
import { toOrderLinesSource } from "../../utils/order-lines-source"
import type { CaptureKlarnaInput, KlarnaCaptureRecord } from "./types"

export interface CapturePlan {
  amount: number
  order_lines: KlarnaOrderLine[] | null
  items: { line_item_id: string; quantity: number }[]
  includes_shipping: boolean
}

/** Units per item/shipping id that earlier capture records (of any status) already claimed. */
export function claimedUnits(records: Pick<KlarnaCaptureRecord, "items">[]): Record<string, number> {
  const claimed: Record<string, number> = {}
  for (const r of records) for (const i of r.items ?? []) claimed[i.line_item_id] = (claimed[i.line_item_id] ?? 0) + i.quantity
  return claimed
}

/**
 * Decides what one capture takes, in minor units and Klarna lines consistent with the authorized
 * ones (same builder, same order). Lines are dropped, and only an amount is sent, where they
 * cannot add up to what Klarna allows: the order changed since authorization, or earlier captures
 * by amount left less than the lines' total. The capture that completes the order, when all
 * earlier ones succeeded, takes exactly Klarna's remaining authorization.
 */
export function planCapture(args: {
  order: any
  klarnaOrder: Pick<OmOrder, "order_amount" | "remaining_authorized_amount" | "purchase_currency">
  others: KlarnaCaptureRecord[]
  input: Pick<CaptureKlarnaInput, "items" | "amount" | "clamp_to_remaining">
  productUrlBase?: string
}): CapturePlan {
  const { order, klarnaOrder, others, input } = args
  const remaining = klarnaOrder.remaining_authorized_amount
  if (input.amount !== undefined) {
    const amount = toMinorUnits(input.amount, klarnaOrder.purchase_currency)
    if (amount <= 0 || amount > remaining) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `amount must be between 0 and the remaining authorization (${remaining} minor units)`)
    }
    return { amount, order_lines: null, items: [], includes_shipping: false }
  }
  const lines = buildOrderLines(toOrderLinesSource(order, args.productUrlBase))
  const already = claimedUnits(others)
  const left = remainingUnits(lines, already)
  const toCapture: Record<string, number> = {}
  for (const item of input.items ?? []) {
    if (!(item.line_item_id in left)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `items: ${item.line_item_id} is not a line item of order ${order.id}`)
    }
    toCapture[item.line_item_id] = (toCapture[item.line_item_id] ?? 0) + item.quantity
    if (input.clamp_to_remaining) {
      // a shipment of units already captured by hand captures only what is still uncaptured
      toCapture[item.line_item_id] = Math.min(toCapture[item.line_item_id], left[item.line_item_id])
      if (!toCapture[item.line_item_id]) delete toCapture[item.line_item_id]
    } else if (toCapture[item.line_item_id] > left[item.line_item_id]) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `items: only ${left[item.line_item_id]} unit(s) of ${item.line_item_id} are left to capture`
      )
    }
  }
  const includeShipping = !others.some((r) => r.includes_shipping)
  const shippingIds = lines.sources.filter((s) => s.kind === "shipping").map((s) => s.id)
  if (!Object.keys(toCapture).length && !(includeShipping && shippingIds.length)) {
    if (input.clamp_to_remaining) return { amount: 0, order_lines: null, items: [], includes_shipping: false }
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "items: nothing left to capture")
  }
  const result = buildCaptureLines({ order: lines, alreadyCaptured: already, toCapture, includeShipping })
  const items = Object.entries(result.captured_units)
    .map(([id, total]) => ({ line_item_id: id, quantity: total - (already[id] ?? 0) }))
    .filter((i) => i.quantity > 0)
  const plan: CapturePlan = { amount: result.captured_amount, order_lines: result.order_lines, items, includes_shipping: includeShipping && shippingIds.length > 0 }
  const othersSettled = others.every((r) => r.status === "succeeded")
  const authorizedAsBuilt = lines.order_amount === klarnaOrder.order_amount
  if ((result.completes_order && othersSettled) || !authorizedAsBuilt || plan.amount > remaining) {
    const amount = result.completes_order && othersSettled ? remaining : Math.min(plan.amount, remaining)
    if (amount !== plan.amount || !authorizedAsBuilt) {
      plan.amount = amount
      plan.order_lines = null
    }
  }
  return plan
}
