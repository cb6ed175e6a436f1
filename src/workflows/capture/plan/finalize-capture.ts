import { minorToDecimalString } from "../../../lib/amounts"
import { exceedsPlan } from "../../../lib/capture-bound"
import type { OmOrder, OrderLine } from "../../../lib/klarna/types"
import type { KlarnaCaptureRecord } from "../types"

type KlarnaState = Pick<
  OmOrder,
  "status" | "order_amount" | "captured_amount" | "remaining_authorized_amount" | "purchase_currency"
>

export type CaptureDecision =
  | {
      send: true
      amount: number
      order_lines: OrderLine[] | null
      /** Klarna's order is fully captured once this capture is applied */
      completes_klarna_order: boolean
    }
  | {
      send: false
      /** klarna_order_state: Klarna has nothing left; exceeds_plan: Klarna holds more than the plan may take */
      reason: "klarna_order_state" | "exceeds_plan"
      klarna_status: string
      message: string
    }

export { EXCEEDS_PLAN_ERROR_CODE, LAST_CAPTURE_ROUNDING_MINOR } from "../../../lib/capture-bound"

const CLOSED_STATES = new Set(["CANCELLED", "CLOSED"])

/**
 * What to send for a planned capture, given Klarna's order as it is now. The capture that
 * completes the order, once every earlier one is settled, takes exactly Klarna's remaining
 * authorization (rounding then never leaves a unit behind) when that is at most
 * LAST_CAPTURE_ROUNDING_MINOR above its plan; more is a refusal naming both amounts. A plan above what Klarna still holds
 * is cut to it, by amount only, since its lines would no longer add up. Nothing left at Klarna
 * (cancelled, closed, released or captured elsewhere, e.g. in Klarna's merchant portal) is a
 * refusal naming Klarna's state, never a silent capture of 0. An expired order is still sent:
 * Klarna is the authority on expiry and answers with its own error.
 */
export function finalizeCapture(
  record: Pick<KlarnaCaptureRecord, "amount" | "order_lines" | "completes_order">,
  klarna: KlarnaState,
  othersSettled: boolean
): CaptureDecision {
  const remaining = klarna.remaining_authorized_amount
  const money = (minor: number) =>
    `${minorToDecimalString(minor, klarna.purchase_currency)} ${klarna.purchase_currency}`
  if (CLOSED_STATES.has(klarna.status)) {
    return {
      send: false,
      reason: "klarna_order_state",
      klarna_status: klarna.status,
      message: `The Klarna order is ${klarna.status}: nothing can be captured`,
    }
  }
  if (remaining <= 0) {
    const why =
      klarna.captured_amount >= klarna.order_amount
        ? `it is fully captured (${money(klarna.captured_amount)}), not all of it by this store`
        : `its remaining authorization was released after ${money(klarna.captured_amount)} of ${money(klarna.order_amount)} was captured`
    return {
      send: false,
      reason: "klarna_order_state",
      klarna_status: klarna.status,
      message: `Klarna has nothing left to capture on this order: ${why}`,
    }
  }
  const planned = Number(record.amount)
  let amount = planned
  if (record.completes_order && othersSettled) {
    if (exceedsPlan(remaining, planned)) {
      return {
        send: false,
        reason: "exceeds_plan",
        klarna_status: klarna.status,
        message:
          `Klarna still holds ${money(remaining)} but this last capture is planned at ${money(planned)}: ` +
          `taking the difference would capture more than the order. Check the Medusa order against Klarna's ` +
          `(an order change Klarna was not told of?); release the rest at Klarna if it is not owed`,
      }
    }
    amount = remaining
  } else if (planned > remaining) amount = remaining
  return {
    send: true,
    amount,
    order_lines: amount === planned ? record.order_lines : null,
    completes_klarna_order: amount === remaining,
  }
}
