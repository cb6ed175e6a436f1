import { z } from "@medusajs/framework/zod"
import { findOrdersNeedingAttention } from "../needing-attention"
import { captureRecordView, klarnaAdmin } from "../klarna-admin-adapter"
import { findMedusaOrder } from "../order-ref"
import { toolResult } from "../results"
import {
  ActionOut,
  amountView,
  CaptureRecordOut,
  CaptureRefInput,
  FindOrdersInput,
  KlarnaCaptureOut,
  KlarnaOrderViewOut,
  MedusaOrderOut,
  OrderInput,
} from "../schemas"
import type { KlarnaCaptureRecord } from "../../modules/klarna/types"
import { money, orderLabel, type KlarnaTool } from "./types"

const orderOut = { order_id: z.string(), display_id: z.number().nullable() }
const PaidOutIn = z.object({ payment_reference: z.string(), payout_date: z.string() })

/** units of each line item in succeeded capture records */
function capturedQuantities(records: Pick<KlarnaCaptureRecord, "status" | "items">[]): Map<string, number> {
  const out = new Map<string, number>()
  for (const r of records) {
    if (r.status !== "succeeded") continue
    for (const i of r.items ?? []) out.set(i.line_item_id, (out.get(i.line_item_id) ?? 0) + Number(i.quantity))
  }
  return out
}

export const getOrderTool: KlarnaTool<typeof OrderInput> = {
  name: "klarna-get-order",
  title: "Get the Klarna side of an order",
  description:
    "The Klarna side of a Medusa order: Klarna's status (AUTHORIZED, PART_CAPTURED, CAPTURED, CANCELLED, EXPIRED, CLOSED), fraud_status, amounts (order, captured, refunded, remaining authorization; minor and major units), expires_at (captures are possible until then), Klarna's captures, the plugin's capture records (pending/succeeded/failed/canceled with Klarna's last error or the reason), the cancel/release operations of a canceled order, the action log (who did what) and the Medusa line items with ids and captured quantities (for klarna-capture-order by items). Start here for any question about one order. Reads only.",
  readOnly: true,
  idempotent: true,
  inputSchema: OrderInput,
  outputSchema: z.object({
    medusa_order: MedusaOrderOut,
    klarna_order: KlarnaOrderViewOut,
    provider_id: z.string(),
    payment_id: z.string().nullable(),
    captures: z.array(KlarnaCaptureOut),
    capture_records: z.array(CaptureRecordOut),
    actions: z.array(ActionOut),
    // cancel/release at Klarna after the Medusa order was canceled
    order_operations: z.array(z.looseObject({})).optional(),
    // the Klarna payout each capture and refund was paid out in (null: not paid out yet)
    payouts: z
      .object({
        captures: z.array(z.object({ capture_id: z.string(), payout: PaidOutIn.nullable() })),
        refunds: z.array(z.object({ refund_id: z.string(), payout: PaidOutIn.nullable() })),
      })
      .optional(),
    // Klarna refused to raise the authorization after an order change: what is still uncovered
    authorization_refusal: z
      .object({
        requested_order_amount: amountView,
        authorized_order_amount: amountView,
        remaining_authorized_amount: amountView,
        uncovered_amount: amountView,
        klarna_error: z.looseObject({}).nullable(),
        at: z.string().nullable(),
      })
      .nullable()
      .optional(),
  }),
  async run({ scope }, args) {
    const order = await findMedusaOrder(scope, args.order_id)
    const result = await klarnaAdmin.getOrder(scope, order.id)
    const captured = capturedQuantities(result.capture_records)
    const medusa_order = {
      ...order,
      items: order.items.map((i) => ({ ...i, captured_quantity: captured.get(i.id) ?? 0 })),
    }
    const ko = result.klarna_order
    return toolResult(
      `Order ${orderLabel(order)} at Klarna: ${ko.status}, fraud ${ko.fraud_status ?? "unknown"}, captured ${money(ko.amounts.captured_amount.minor, ko.currency_code)} of ${money(ko.amounts.order_amount.minor, ko.currency_code)}, remaining authorization ${money(ko.amounts.remaining_authorized_amount.minor, ko.currency_code)}, expires ${ko.expires_at ?? "unknown"}.`,
      { medusa_order, ...result }
    )
  },
}

export const listCapturesTool: KlarnaTool<typeof OrderInput> = {
  name: "klarna-list-all-order-captures",
  title: "List an order's Klarna captures",
  description:
    "Every capture of the order as Klarna lists it (capture_id, captured_amount in minor units, captured_at, order lines, shipping_info) together with the plugin's capture records (status pending/succeeded/failed, attempts, Klarna's last error). Use it to find a capture_id for the capture tools. Reads only.",
  readOnly: true,
  idempotent: true,
  inputSchema: OrderInput,
  outputSchema: z.object({
    ...orderOut,
    captures: z.array(KlarnaCaptureOut),
    capture_records: z.array(CaptureRecordOut),
  }),
  async run({ scope }, args) {
    const order = await findMedusaOrder(scope, args.order_id)
    const captures = await klarnaAdmin.listCaptures(scope, order.id)
    const capture_records = (await klarnaAdmin.listCaptureRecords(scope, order.id)).map(captureRecordView)
    const problems = capture_records.filter((r) => r.status !== "succeeded").length
    return toolResult(
      `Order ${orderLabel(order)}: ${captures.length} capture(s) at Klarna; ${capture_records.length} capture record(s), ${problems} not succeeded.`,
      { order_id: order.id, display_id: order.display_id, captures, capture_records }
    )
  },
}

export const getCaptureTool: KlarnaTool<typeof CaptureRefInput> = {
  name: "klarna-get-capture-details",
  title: "Get one Klarna capture",
  description:
    "One capture as Klarna has it: captured_amount (minor units), captured_at, description, order lines, refunded_amount, billing/shipping address and shipping_info (tracking). An unknown capture_id gives Klarna's NO_SUCH_CAPTURE. Reads only.",
  readOnly: true,
  idempotent: true,
  inputSchema: CaptureRefInput,
  outputSchema: z.object({ ...orderOut, capture: KlarnaCaptureOut }),
  async run({ scope }, args) {
    const order = await findMedusaOrder(scope, args.order_id)
    const capture = await klarnaAdmin.getCapture(scope, { order_id: order.id, capture_id: args.capture_id })
    return toolResult(
      `Capture ${capture.capture_id} of order ${orderLabel(order)}: ${capture.captured_amount} minor units.`,
      {
        order_id: order.id,
        display_id: order.display_id,
        capture,
      }
    )
  },
}

export const extensionOptionsTool: KlarnaTool<typeof CaptureRefInput> = {
  name: "klarna-list-options-extension-payment",
  title: "List due date extension options",
  description:
    "The due date extensions Klarna offers for a capture: each number_of_days with its fee `amount` in minor units, which the merchant pays. An empty list means the due date cannot be extended (not a pay-later capture, or already extended). Call this before klarna-extend-payment-due-date. Reads only.",
  readOnly: true,
  idempotent: true,
  inputSchema: CaptureRefInput,
  outputSchema: z.object({
    ...orderOut,
    capture_id: z.string(),
    currency: z.string().nullable(),
    options: z.array(z.looseObject({ number_of_days: z.number().int(), amount: z.number().int() })),
  }),
  async run({ scope }, args) {
    const order = await findMedusaOrder(scope, args.order_id)
    const result = await klarnaAdmin.getExtendDueDateOptions(scope, {
      order_id: order.id,
      capture_id: args.capture_id,
    })
    const options = (result?.options ?? []) as { number_of_days: number; amount: number }[]
    const currency = result?.currency ?? null
    return toolResult(
      options.length
        ? `Klarna offers ${options.map((o) => `${o.number_of_days} days for ${money(o.amount, currency)}`).join(", ")} (fees paid by the merchant).`
        : "Klarna offers no due date extension for this capture.",
      { order_id: order.id, display_id: order.display_id, capture_id: args.capture_id, currency, options }
    )
  },
}

export const findOrdersTool: KlarnaTool<typeof FindOrdersInput> = {
  name: "klarna-find-orders-needing-attention",
  title: "Find Klarna orders needing attention",
  description:
    "Orders that need someone: captures that failed at Klarna (with Klarna's error_code and correlation_id) or are still pending, Klarna authorizations that expire within expiring_within_days (money not captured by then is lost), and orders whose Klarna fraud review is still pending (do not ship). Most urgent first, each with reasons and suggested next steps. Bounded scan: the newest 500 failed/pending capture records, the newest 1000 uncaptured Klarna payments, and at most 20 authorizations confirmed at Klarna (soonest expiry first); `scan` says what was looked at and `truncated` whether more may exist. Reads only.",
  readOnly: true,
  idempotent: true,
  inputSchema: FindOrdersInput,
  outputSchema: z.object({
    orders: z.array(
      z.object({
        order_id: z.string(),
        display_id: z.number().nullable(),
        provider_id: z.string().nullable(),
        klarna_order_id: z.string().nullable(),
        reasons: z.array(z.enum(["capture_failed", "capture_pending", "authorization_expiring", "fraud_pending"])),
        failed_captures: z.array(CaptureRecordOut),
        pending_captures: z.array(CaptureRecordOut),
        authorization: z
          .object({
            expires_at: z.string().nullable(),
            days_left: z.number().nullable(),
            status: z.string().nullable(),
            remaining_authorized_amount: z.number().nullable(),
            currency_code: z.string().nullable(),
          })
          .nullable(),
        fraud_status: z.literal("PENDING").nullable(),
        suggested_next_steps: z.array(z.string()),
      })
    ),
    total_found: z.number().int(),
    scan: z.object({
      capture_records_scanned: z.number().int(),
      open_payments_scanned: z.number().int(),
      fraud_pending_sessions_scanned: z.number().int(),
      klarna_lookups: z.number().int(),
      klarna_lookup_errors: z.number().int(),
      expiry_candidates_not_checked: z.number().int(),
      truncated: z.boolean(),
    }),
  }),
  async run({ scope }, args) {
    const result = await findOrdersNeedingAttention(scope, args)
    const lines = result.orders.map(
      (o) => `${o.display_id !== null ? `#${o.display_id}` : o.order_id}: ${o.reasons.join(", ")}`
    )
    return toolResult(
      result.total_found
        ? `${result.total_found} order(s) need attention${result.orders.length < result.total_found ? `, the ${result.orders.length} most urgent shown` : ""}:\n${lines.join("\n")}`
        : "No Klarna order needs attention.",
      { ...result }
    )
  },
}

export const readTools = [getOrderTool, listCapturesTool, getCaptureTool, extensionOptionsTool, findOrdersTool]
