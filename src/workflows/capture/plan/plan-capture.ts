import { MedusaError } from "@medusajs/framework/utils"
import { minorToDecimalString, sumMoney, toMinorUnits, type MoneyLike } from "../../../lib/amounts"
import { buildCaptureLines, buildOrderLines, remainingUnits, type KlarnaOrderLine } from "../../../lib/order-lines"
import { toOrderLinesSource, type CartOrOrderLike } from "../../../utils/order-lines-source"
import type { CaptureItem, CaptureRequest, KlarnaCaptureRecord } from "../types"

export interface CapturePlan {
  amount: number
  order_lines: KlarnaOrderLine[] | null
  items: CaptureItem[]
  includes_shipping: boolean
  /** after this capture every unit is captured: at Klarna it takes the exact remainder */
  completes_order: boolean
}

type PlannedRecord = Pick<KlarnaCaptureRecord, "items" | "includes_shipping" | "status" | "amount">

/** Records that hold their units and amount: everything but canceled ones. */
const holding = (records: PlannedRecord[]) => records.filter((r) => r.status !== "canceled")

/** Units per item/shipping id that earlier capture records already claimed. */
export function claimedUnits(records: Pick<KlarnaCaptureRecord, "items">[]): Record<string, number> {
  const claimed: Record<string, number> = {}
  for (const r of records)
    for (const i of r.items ?? []) claimed[i.line_item_id] = (claimed[i.line_item_id] ?? 0) + i.quantity
  return claimed
}

const invalid = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, message)

/** Minor units of the authorization no pending or captured record has claimed yet. */
export function unclaimedMinor(authorizedMinor: number, others: PlannedRecord[]): number {
  return (
    authorizedMinor -
    holding(others)
      .filter((r) => r.status !== "failed")
      .reduce((s, r) => s + Number(r.amount), 0)
  )
}

function planByAmount(amount: number, currency: string, authorizedMinor: number, others: PlannedRecord[]): CapturePlan {
  const minor = toMinorUnits(amount, currency)
  const left = unclaimedMinor(authorizedMinor, others)
  if (minor <= 0) {
    throw invalid(`amount: ${amount} is less than the smallest unit of ${currency.toUpperCase()} (it rounds to 0)`)
  }
  if (minor > left) {
    throw invalid(
      `amount: ${amount} is more than the authorization left to capture (${minorToDecimalString(Math.max(left, 0), currency)})`
    )
  }
  return { amount: minor, order_lines: null, items: [], includes_shipping: false, completes_order: minor === left }
}

type PlannedOrder = CartOrOrderLike & { id: string; credit_line_total?: MoneyLike | null }

/**
 * The order's total as Klarna authorized it: of its items and shipping. Medusa lowers an order's
 * total by its credit lines, which it adds when a refund is more than the order owes back (a
 * goodwill refund on a partly shipped order); that money went back through Klarna's refund, so the
 * items still to ship are captured in full. (Credit at checkout never reaches Klarna: a session's
 * lines cannot represent it, so an order paid with Klarna has none from its cart.)
 */
export function totalBeforeCreditLines<T extends PlannedOrder>(order: T): T {
  if (!order.credit_line_total || Number(sumMoney([order.credit_line_total])) === 0) return order
  return { ...order, total: sumMoney([order.total, order.credit_line_total]) }
}

/**
 * Decides what one capture takes, from Medusa's data alone (no Klarna call): minor units and Klarna
 * lines consistent with the authorized ones (same builder, same order). Lines are left out, and
 * only an amount is planned, where they could not add up to what was authorized (the order was
 * edited since). Bad manual input throws INVALID_DATA naming the field. What Klarna itself still
 * allows is settled when the capture is sent (finalizeCapture).
 */
export function planCapture(args: {
  order: PlannedOrder
  authorizedMinor: number
  others: PlannedRecord[]
  input: Pick<CaptureRequest, "items" | "amount" | "clamp_to_remaining">
  productUrlBase?: string
}): CapturePlan {
  const { order, authorizedMinor, input } = args
  const others = holding(args.others)
  if (input.amount !== undefined) return planByAmount(input.amount, order.currency_code, authorizedMinor, others)

  const lines = buildOrderLines(toOrderLinesSource(totalBeforeCreditLines(order), args.productUrlBase))
  const already = claimedUnits(others)
  const left = remainingUnits(lines, already)
  const toCapture: Record<string, number> = {}
  for (const [index, item] of (input.items ?? []).entries()) {
    if (!(item.line_item_id in left))
      throw invalid(`items[${index}].line_item_id: ${item.line_item_id} is not a line item of order ${order.id}`)
    const wanted = (toCapture[item.line_item_id] ?? 0) + item.quantity
    if (input.clamp_to_remaining) {
      // a shipment of units already captured by hand captures only what is still uncaptured
      toCapture[item.line_item_id] = Math.min(wanted, left[item.line_item_id])
      if (!toCapture[item.line_item_id]) delete toCapture[item.line_item_id]
    } else if (wanted > left[item.line_item_id]) {
      throw invalid(
        `items[${index}].quantity: only ${left[item.line_item_id]} unit(s) of ${item.line_item_id} are left to capture`
      )
    } else {
      toCapture[item.line_item_id] = wanted
    }
  }
  const includeShipping = !others.some((r) => r.includes_shipping)
  const hasShipping = lines.sources.some((s) => s.kind === "shipping")
  if (!Object.keys(toCapture).length && !(includeShipping && hasShipping)) {
    if (input.clamp_to_remaining)
      return { amount: 0, order_lines: null, items: [], includes_shipping: false, completes_order: false }
    throw invalid("items: nothing left to capture")
  }
  const result = buildCaptureLines({ order: lines, alreadyCaptured: already, toCapture, includeShipping })
  const items = Object.entries(result.captured_units)
    .map(([id, total]) => ({ line_item_id: id, quantity: total - (already[id] ?? 0) }))
    .filter((i) => i.quantity > 0)
  const asAuthorized = lines.order_amount === authorizedMinor
  return {
    amount: result.captured_amount,
    order_lines: asAuthorized ? result.order_lines : null,
    items,
    includes_shipping: includeShipping && hasShipping,
    completes_order: result.completes_order,
  }
}
