import { randomUUID } from "node:crypto"
import { z } from "@medusajs/framework/zod"
import { readRecordedKlarnaFailure } from "../../lib/klarna"
import { captureRecordView, klarnaAdmin, type KlarnaCaptureActionResult } from "../klarna-admin-adapter"
import type { CaptureError } from "../../modules/klarna/types"
import { findMedusaOrder, type MedusaOrderSummary } from "../order-ref"
import { klarnaToolError, toolError, toolResult } from "../results"
import {
  AddShippingInfoInput,
  CaptureOrderInput,
  CaptureRecordOut,
  ExtendDueDateInput,
  KlarnaCaptureOut,
  OrderInput,
  SendCommunicationInput,
} from "../schemas"
import { money, orderLabel, type KlarnaTool, type ToolContext } from "./types"

/**
 * The mutating tools. Each runs the admin route's workflow with the caller as actor (the action
 * log's actor_id) and the admin API's idempotency: the given idempotency_key, else a new intent.
 */

const orderOut = { order_id: z.string(), display_id: z.number().nullable() }
const attribution = (ctx: ToolContext, key: string | undefined) => ({
  actor_id: ctx.actor_id,
  request_key: key ?? randomUUID(),
})

/** A capture action's outcome → the result; Klarna's refusal (recorded as failed) → a tool error with Klarna's fields. */
function actionResult(result: KlarnaCaptureActionResult, ok: () => ReturnType<typeof toolResult>) {
  if (result.outcome === "failed") return klarnaToolError(result.error ?? {})
  return ok()
}

export const captureOrderTool: KlarnaTool<typeof CaptureOrderInput> = {
  name: "klarna-capture-order",
  title: "Capture an order at Klarna",
  description:
    "Captures (charges) part or all of the order's Klarna authorization by hand: either `items` (Medusa line item ids and quantities from klarna-get-order; Klarna receives exactly those order lines, the first capture also takes the shipping) or `amount` in major units. Optional shipping_info (tracking) and description. Same rules, records and retries as captures made on shipment: a unit cannot be captured twice, an amount cannot exceed the remaining authorization. Moves money: confirm with the user first. Pass an idempotency_key to make a resend after a timeout safe.",
  readOnly: false,
  idempotent: false,
  inputSchema: CaptureOrderInput,
  outputSchema: z.object({
    ...orderOut,
    outcome: z
      .enum(["captured", "pending"])
      .describe("captured: Klarna captured; pending: kept and sent later (e.g. Klarna's fraud review is pending)"),
    capture_record: CaptureRecordOut,
  }),
  async run(ctx, args) {
    const order = await findMedusaOrder(ctx.scope, args.order_id)
    const record = await klarnaAdmin.capture(ctx.scope, {
      order_id: order.id,
      ...attribution(ctx, args.idempotency_key),
      items: args.items,
      amount: args.amount,
      shipping_info: args.shipping_info,
      description: args.description,
    })
    if (!record)
      return toolError(`Order ${orderLabel(order)} is not paid with Klarna`, { error: { type: "not_found" } })
    const capture_record = captureRecordView(record)
    const base = { order_id: order.id, display_id: order.display_id, capture_record }
    const amount = money(capture_record.amount, capture_record.currency_code)
    if (record.status === "succeeded") {
      return toolResult(
        `Captured ${amount} of order ${orderLabel(order)} at Klarna (capture ${capture_record.klarna_capture_id}).`,
        {
          ...base,
          outcome: "captured",
        }
      )
    }
    const e = record.last_error as CaptureError | null
    const klarnaFailed = !!e && (typeof e.status === "number" || Number(record.attempts) > 0)
    if (record.status === "pending" && !klarnaFailed) {
      return toolResult(
        `The capture of ${amount} is recorded and waits (e.g. for Klarna's fraud decision); it is sent automatically.`,
        {
          ...base,
          outcome: "pending",
        }
      )
    }
    return klarnaToolError(
      {
        ...readRecordedKlarnaFailure(e),
        message:
          (e?.message ?? "Klarna did not capture") +
          (record.status === "pending"
            ? ". The capture is kept pending and retried with the same idempotency key (or run klarna-retry-captures)."
            : ""),
      },
      { capture_record }
    )
  },
}

export const extendDueDateTool: KlarnaTool<typeof ExtendDueDateInput> = {
  name: "klarna-extend-payment-due-date",
  title: "Extend a capture's payment due date",
  description:
    "Gives the customer more time to pay a capture (pay-later invoices): number_of_days must be one Klarna offers (see klarna-list-options-extension-payment, which also shows the fee the merchant pays). Klarna refuses other values with NOT_ALLOWED. Returns the capture re-read from Klarna. Idempotent with the same idempotency_key.",
  readOnly: false,
  idempotent: true,
  inputSchema: ExtendDueDateInput,
  outputSchema: z.object({ ...orderOut, capture: KlarnaCaptureOut }),
  async run(ctx, args) {
    const order = await findMedusaOrder(ctx.scope, args.order_id)
    const result = await klarnaAdmin.extendDueDate(ctx.scope, {
      order_id: order.id,
      capture_id: args.capture_id,
      number_of_days: args.number_of_days,
      ...attribution(ctx, args.idempotency_key),
    })
    return actionResult(result, () =>
      toolResult(
        `Extended the due date of capture ${args.capture_id} (order ${orderLabel(order)}) by ${args.number_of_days} days.`,
        {
          order_id: order.id,
          display_id: order.display_id,
          capture: result.capture,
        }
      )
    )
  },
}

export const addShippingInfoTool: KlarnaTool<typeof AddShippingInfoInput> = {
  name: "klarna-add-shipping-information",
  title: "Add shipping information to a capture",
  description:
    "Appends shipping info (carrier, shipping_method, tracking number and URL, return tracking) to a Klarna capture, so Klarna and the customer can follow the parcel. Entries are added, never replaced; calling twice adds them twice unless the same idempotency_key is used. Returns the capture re-read from Klarna.",
  readOnly: false,
  idempotent: false,
  inputSchema: AddShippingInfoInput,
  outputSchema: z.object({ ...orderOut, capture: KlarnaCaptureOut }),
  async run(ctx, args) {
    const order = await findMedusaOrder(ctx.scope, args.order_id)
    const result = await klarnaAdmin.addShippingInfo(ctx.scope, {
      order_id: order.id,
      capture_id: args.capture_id,
      shipping_info: args.shipping_info,
      ...attribution(ctx, args.idempotency_key),
    })
    return actionResult(result, () =>
      toolResult(
        `Added ${args.shipping_info.length} shipping info entr${args.shipping_info.length === 1 ? "y" : "ies"} to capture ${args.capture_id}.`,
        {
          order_id: order.id,
          display_id: order.display_id,
          capture: result.capture,
        }
      )
    )
  },
}

export const sendCommunicationTool: KlarnaTool<typeof SendCommunicationInput> = {
  name: "klarna-send-customer-communication",
  title: "Re-send the customer's payment communication",
  description:
    'Asks Klarna to send the customer the invoice / payment instructions of a capture again (e.g. "I never got the invoice"). Each call without the same idempotency_key sends again.',
  readOnly: false,
  idempotent: false,
  inputSchema: SendCommunicationInput,
  outputSchema: z.object({ ...orderOut, capture_id: z.string(), sent: z.literal(true) }),
  async run(ctx, args) {
    const order = await findMedusaOrder(ctx.scope, args.order_id)
    const result = await klarnaAdmin.triggerSendOut(ctx.scope, {
      order_id: order.id,
      capture_id: args.capture_id,
      ...attribution(ctx, args.idempotency_key),
    })
    return actionResult(result, () =>
      toolResult(`Klarna re-sends the payment communication of capture ${args.capture_id} to the customer.`, {
        order_id: order.id,
        display_id: order.display_id,
        capture_id: args.capture_id,
        sent: true,
      })
    )
  },
}

export const retryCapturesTool: KlarnaTool<typeof OrderInput> = {
  name: "klarna-retry-captures",
  title: "Retry an order's failed or pending captures",
  description:
    "Runs the order's failed and pending capture records again, each with its stored plan and its original idempotency key, so nothing is captured twice (hence no idempotency_key here: calling again never double-captures). Returns each retried record with its new status; a record that fails again stays failed with Klarna's last_error. An empty list means there was nothing to retry.",
  readOnly: false,
  idempotent: true,
  inputSchema: OrderInput,
  outputSchema: z.object({ ...orderOut, capture_records: z.array(CaptureRecordOut) }),
  async run(ctx, args) {
    const order: MedusaOrderSummary = await findMedusaOrder(ctx.scope, args.order_id)
    const records = (await klarnaAdmin.retryCaptures(ctx.scope, { order_id: order.id, actor_id: ctx.actor_id })).map(
      captureRecordView
    )
    const ok = records.filter((r) => r.status === "succeeded").length
    return toolResult(
      records.length
        ? `Retried ${records.length} capture(s) of order ${orderLabel(order)}: ${ok} succeeded, ${records.length - ok} still not captured (see last_error).`
        : `Order ${orderLabel(order)} has no failed or pending capture to retry.`,
      { order_id: order.id, display_id: order.display_id, capture_records: records }
    )
  },
}

export const actionTools = [
  captureOrderTool,
  extendDueDateTool,
  addShippingInfoTool,
  sendCommunicationTool,
  retryCapturesTool,
]
