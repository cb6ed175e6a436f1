import { randomUUID } from "node:crypto"
import { lineErrors, sumErrors } from "./arithmetic"
import type { ApiContext, ApiHandler } from "./context"
import { badValue, captureNotAllowed, notAllowed } from "./errors"
import { json, noContent } from "./http"
import { body, findCapture, findOrder } from "./om-lookup"
import { captureView, EXTEND_DUE_DATE_OPTIONS, isExpired, isPayLater, remainingAuthorizedAmount } from "./order-model"
import type { Capture, EmulatorState, Order, OrderLine, ShippingInfo } from "./state"
import { validateOmBody } from "./validate"

interface CaptureBody {
  captured_amount: number
  description?: string
  reference?: string
  order_lines?: OrderLine[]
  shipping_info?: ShippingInfo[]
  shipping_delay?: number
}

export const capturePath = (baseUrl: string, orderId: string, captureId: string) =>
  `${baseUrl}/ordermanagement/v1/orders/${encodeURIComponent(orderId)}/captures/${encodeURIComponent(captureId)}`

/** Appends a capture (and its SALE for the Settlements API); the caller has checked that it is allowed. */
export function addCapture(state: EmulatorState, order: Order, input: CaptureBody, now: number): Capture {
  const capture: Capture = {
    capture_id: randomUUID(),
    klarna_reference: `${order.klarna_reference}-${order.captures.length + 1}`,
    captured_amount: input.captured_amount,
    captured_at: new Date(now).toISOString(),
    description: input.description,
    reference: input.reference,
    order_lines: input.order_lines ?? [],
    refunded_amount: 0,
    billing_address: order.billing_address,
    shipping_address: order.shipping_address,
    shipping_info: input.shipping_info ?? [],
    send_outs: 0,
  }
  order.captures.push(capture)
  state.settlements.recordSale(order, capture)
  return capture
}

export const createCapture: ApiHandler = (ctx, { order_id }) => {
  const order = findOrder(ctx, order_id)
  validateOmBody("CaptureObject", ctx.request.body)
  const input = body<CaptureBody>(ctx)
  if (input.captured_amount === 0) throw badValue("Bad value: captured_amount (must be greater than 0)")
  if (input.order_lines?.length) {
    const errors = [
      ...lineErrors(input.order_lines),
      ...sumErrors(input.order_lines, "captured_amount", input.captured_amount),
    ]
    if (errors.length) throw badValue(...errors)
  }
  assertCapturable(order, input.captured_amount, ctx.now)
  const capture = addCapture(ctx.state, order, input, ctx.now)
  return {
    status: 201,
    headers: {
      "Capture-Id": capture.capture_id,
      Location: capturePath(ctx.request.baseUrl, order.order_id, capture.capture_id),
    },
  }
}

function assertCapturable(order: Order, amount: number, now: number): void {
  if (order.cancelled) throw captureNotAllowed("Order is cancelled. Capture not allowed.")
  if (isExpired(order, now)) throw captureNotAllowed("Order has expired. Capture not allowed.")
  if (order.fraud_status !== "ACCEPTED") {
    throw captureNotAllowed(`Order fraud status is ${order.fraud_status}. Capture not allowed.`)
  }
  const remaining = remainingAuthorizedAmount(order)
  if (amount > remaining) {
    throw captureNotAllowed(
      `Captured amount is higher than the remaining authorized amount (requested ${amount}, remaining ${remaining}).`
    )
  }
}

export const listCaptures: ApiHandler = (ctx, { order_id }) => json(findOrder(ctx, order_id).captures.map(captureView))

export const getCapture: ApiHandler = (ctx, { order_id, capture_id }) =>
  json(captureView(findCapture(findOrder(ctx, order_id), capture_id)))

export const appendCaptureShippingInfo: ApiHandler = (ctx, { order_id, capture_id }) => {
  const capture = findCapture(findOrder(ctx, order_id), capture_id)
  validateOmBody("UpdateShippingInfo", ctx.request.body)
  capture.shipping_info.push(...body<{ shipping_info: ShippingInfo[] }>(ctx).shipping_info)
  return noContent()
}

/** Pay-later captures can have their due date extended once, for a fee; other methods never. */
function extendOptions(order: Order, capture: Capture) {
  const open = isPayLater(order.payment_method) && capture.due_date_extended_days === undefined
  return open ? EXTEND_DUE_DATE_OPTIONS : []
}

export const getExtendDueDateOptions: ApiHandler = (ctx, { order_id, capture_id }) => {
  const order = findOrder(ctx, order_id)
  const capture = findCapture(order, capture_id)
  return json({ currency: order.purchase_currency, options: extendOptions(order, capture) })
}

export const extendDueDate: ApiHandler = (ctx, { order_id, capture_id }) => {
  const order = findOrder(ctx, order_id)
  const capture = findCapture(order, capture_id)
  validateOmBody("ExtendDueDateRequest", ctx.request.body)
  const days = body<{ number_of_days: number }>(ctx).number_of_days
  const options = extendOptions(order, capture)
  if (!options.length) {
    throw notAllowed(
      capture.due_date_extended_days === undefined
        ? "The due date of this capture cannot be extended (not a pay-later payment method)."
        : "The due date of this capture has already been extended."
    )
  }
  if (!options.some((option) => option.number_of_days === days)) {
    throw notAllowed(
      `number_of_days ${days} is not one of the available options (${options.map((o) => o.number_of_days).join(", ")}).`
    )
  }
  capture.due_date_extended_days = days
  return noContent()
}

export const triggerSendOut: ApiHandler = (ctx: ApiContext, { order_id, capture_id }) => {
  findCapture(findOrder(ctx, order_id), capture_id).send_outs += 1
  return noContent()
}
