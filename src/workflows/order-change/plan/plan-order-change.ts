import type { OmOrder } from "../../../lib/klarna/types"
import { remainingUnits, type OrderLinesResult } from "../../../lib/order-lines"
import { claimedUnits } from "../../capture/plan/plan-capture"
import type { CaptureItem } from "../../capture/types"

/** A Medusa payment collection of the order, amounts in minor units. */
export interface CollectionState {
  id: string
  status: string
  amount: number
  captured: number
  /** Medusa's exact amounts (major units, fractions below the minor unit kept) */
  medusa_amount: string
  medusa_captured: string
  /** a live (not canceled) Klarna payment or an authorized Klarna session is on it */
  paid_by_klarna: boolean
}

export interface OrderChangeInput {
  klarna: Pick<OmOrder, "status" | "fraud_status" | "order_amount" | "captured_amount" | "remaining_authorized_amount">
  /** the order's Klarna lines as it is now (after the change) */
  lines: OrderLinesResult
  /** the plugin's capture records that hold their units (not canceled, not failed) */
  records: {
    items?: CaptureItem[] | null
    includes_shipping?: boolean | null
    status?: string
    /** minor units Klarna took (succeeded records) */
    amount?: number | string | null
  }[]
  collections: CollectionState[]
}

export interface OrderChangePlan {
  /** Klarna's authorization follows the order: the new amount and lines, or null when it already matches */
  update: { order_amount: number; order_lines: OrderLinesResult["order_lines"] } | null
  /** nothing is left to ship: release what Klarna still holds */
  release: boolean
  /** collections Medusa opened for the change, to be paid by the same Klarna order (amount: minor; medusa_amount: exact) */
  carry_over: { collection_id: string; amount: number; medusa_amount: string }[]
  /** collections whose Medusa amount is set to what they captured, exactly (the rest moved on, or is not needed) */
  settle: { collection_id: string; medusa_amount: string }[]
}

const LIVE = ["AUTHORIZED", "PART_CAPTURED"]
const CLOSED_BY_MEDUSA = ["canceled", "partially_captured"]
const OPEN = ["not_paid", "awaiting"]

/** Every unit of the order (and its shipping) is captured or being captured. */
export function nothingLeftToShip(lines: OrderLinesResult, records: OrderChangeInput["records"]): boolean {
  const left = remainingUnits(lines, claimedUnits(records.map((r) => ({ items: r.items ?? [] }))))
  const shippingIds = new Set(lines.sources.filter((s) => s.kind === "shipping").map((s) => s.id))
  const itemsLeft = Object.entries(left).some(([id, units]) => !shippingIds.has(id) && units > 0)
  const shippingLeft = shippingIds.size > 0 && !records.some((r) => r.includes_shipping)
  return !itemsLeft && !shippingLeft
}

/**
 * What an order change needs at Klarna and in Medusa, from both sides' state alone (so a second run
 * after a crash or a duplicate event plans nothing new). The Klarna order stays the order's for
 * its whole life: its authorization follows the order's lines (never below what was captured),
 * whatever Medusa's change did to its payment collections.
 */
export function planOrderChange(input: OrderChangeInput): OrderChangePlan {
  const { klarna, lines, records, collections } = input
  const live =
    LIVE.includes(klarna.status) && klarna.fraud_status === "ACCEPTED" && klarna.remaining_authorized_amount > 0
  const done = nothingLeftToShip(lines, records)
  const update =
    live && !done && lines.order_amount !== klarna.order_amount && lines.order_amount >= klarna.captured_amount
      ? { order_amount: lines.order_amount, order_lines: lines.order_lines }
      : null
  // a record still pending is a capture yet to take its part of the authorization: release only after it
  const capturing = records.some((r) => r.status === "pending")
  const release = live && done && !capturing && klarna.captured_amount > 0
  // even with nothing left to ship: a capture still in flight records on the carried payment
  const carry_over =
    live && !release
      ? collections
          .filter((c) => OPEN.includes(c.status) && !c.paid_by_klarna && c.amount > 0)
          .map((c) => ({ collection_id: c.id, amount: c.amount, medusa_amount: c.medusa_amount }))
      : []
  const settle = collections
    .filter((c) => c.captured > 0 && c.amount > c.captured)
    .filter((c) => CLOSED_BY_MEDUSA.includes(c.status) || (done && c.paid_by_klarna))
    .map((c) => ({ collection_id: c.id, medusa_amount: c.medusa_captured }))
  return { update, release, carry_over, settle }
}

/**
 * After a capture: could following the order change anything? Decided from Medusa and the
 * plugin's records alone (what Klarna authorized, as the order's Klarna payment last saw it, and
 * what the plugin's captures took), so the usual shipment costs Klarna no extra read. When in
 * doubt it says yes: a capture in Klarna's portal only makes Klarna's remainder smaller than this
 * view, and an authorization changed elsewhere makes the amounts differ.
 */
export function mayNeedFollowUp(input: Omit<OrderChangeInput, "klarna"> & { authorized: number }): boolean {
  const { lines, records, collections, authorized } = input
  const done = nothingLeftToShip(lines, records)
  const captured = records.filter((r) => r.status === "succeeded").reduce((sum, r) => sum + Number(r.amount ?? 0), 0)
  if (done ? captured !== authorized : lines.order_amount !== authorized) return true
  if (collections.some((c) => OPEN.includes(c.status) && !c.paid_by_klarna && c.amount > 0)) return true
  return collections.some(
    (c) =>
      c.captured > 0 && c.amount > c.captured && (CLOSED_BY_MEDUSA.includes(c.status) || (done && c.paid_by_klarna))
  )
}
