import { lineErrors, sumErrors } from "./arithmetic"
import type { ApiHandler } from "./context"
import { badValue, cancelNotAllowed, notAllowed } from "./errors"
import { json, noContent } from "./http"
import { body, findOrder } from "./om-lookup"
import {
  AUTHORIZATION_DAYS,
  capturedAmount,
  DAY_MS,
  isExpired,
  MAX_AUTHORIZATION_DAYS,
  orderView,
  remainingAuthorizedAmount,
} from "./order-model"
import type { Address, Order, OrderLine, ShippingInfo } from "./state"
import { validateOmBody } from "./validate"

export const getOrder: ApiHandler = (ctx, { order_id }) => json(orderView(findOrder(ctx, order_id), ctx.now))

export const cancelOrder: ApiHandler = (ctx, { order_id }) => {
  const order = findOrder(ctx, order_id)
  if (order.cancelled) throw cancelNotAllowed("Order is already cancelled.")
  if (order.captures.length) throw cancelNotAllowed("Order has captures. Cancel not allowed.")
  order.cancelled = true
  return noContent()
}

export const releaseRemainingAuthorization: ApiHandler = (ctx, { order_id }) => {
  const order = findOrder(ctx, order_id)
  const refuse = (reason: string) => notAllowed(`${reason} Remaining authorization cannot be released.`)
  if (order.cancelled) throw refuse("Order is cancelled.")
  if (!order.captures.length) throw refuse("Order has no captures, cancel it instead.")
  if (remainingAuthorizedAmount(order) === 0) throw refuse("Order is fully captured.")
  order.released = true
  return noContent()
}

/** +28 days from the current expiry, never past 180 days after the order was created. */
export const extendAuthorizationTime: ApiHandler = (ctx, { order_id }) => {
  const order = findOrder(ctx, order_id)
  const refuse = (reason: string) => notAllowed(`${reason} Authorization time cannot be extended.`)
  if (order.cancelled) throw refuse("Order is cancelled.")
  if (isExpired(order, ctx.now)) throw refuse("Order is expired.")
  if (remainingAuthorizedAmount(order) === 0) throw refuse("Order is fully captured.")
  const latest = order.created_at + MAX_AUTHORIZATION_DAYS * DAY_MS
  if (order.expires_at >= latest) throw refuse("The maximum of 180 days after order creation is reached.")
  order.expires_at = Math.min(order.expires_at + AUTHORIZATION_DAYS * DAY_MS, latest)
  return noContent()
}

export const updateAuthorization: ApiHandler = (ctx, { order_id }) => {
  const order = findOrder(ctx, order_id)
  validateOmBody("Update authorization", ctx.request.body)
  const input = body<{ order_amount: number; description?: string; order_lines?: OrderLine[] }>(ctx)
  if (input.order_lines?.length) {
    const errors = [
      ...lineErrors(input.order_lines),
      ...sumErrors(input.order_lines, "order_amount", input.order_amount),
    ]
    if (errors.length) throw badValue(...errors)
  }
  const refuse = (reason: string) => notAllowed(`${reason} Authorization cannot be updated.`)
  if (order.cancelled) throw refuse("Order is cancelled.")
  if (isExpired(order, ctx.now)) throw refuse("Order is expired.")
  if (remainingAuthorizedAmount(order) === 0) throw refuse("Order is fully captured.")
  if (order.fraud_status !== "ACCEPTED") throw refuse(`Fraud status is ${order.fraud_status}.`)
  const captured = capturedAmount(order)
  if (input.order_amount < captured) {
    throw refuse(`The new order amount ${input.order_amount} is lower than the captured amount ${captured}.`)
  }
  if (input.order_amount > order.order_amount && !order.increases_allowed) {
    // Klarna's risk assessment: the original authorization stays as it was
    throw notAllowed(
      "Update authorization not allowed. Decision is based on order state and outcome of risk assessment."
    )
  }
  order.order_amount = input.order_amount
  if (input.order_lines) order.order_lines = input.order_lines
  return noContent()
}

function assertNotCancelled(order: Order, what: string): void {
  if (order.cancelled) throw notAllowed(`Order is cancelled. ${what} cannot be updated.`)
}

export const updateMerchantReferences: ApiHandler = (ctx, { order_id }) => {
  const order = findOrder(ctx, order_id)
  validateOmBody("Update merchant references", ctx.request.body ?? {})
  assertNotCancelled(order, "Merchant references")
  const input = body<{ merchant_reference1?: string; merchant_reference2?: string } | null>(ctx) ?? {}
  if (input.merchant_reference1 !== undefined) order.merchant_reference1 = input.merchant_reference1
  if (input.merchant_reference2 !== undefined) order.merchant_reference2 = input.merchant_reference2
  return noContent()
}

export const updateCustomerDetails: ApiHandler = (ctx, { order_id }) => {
  const order = findOrder(ctx, order_id)
  validateOmBody("UpdateConsumer", ctx.request.body ?? {})
  assertNotCancelled(order, "Customer details")
  const input = body<{ billing_address?: Address; shipping_address?: Address } | null>(ctx) ?? {}
  if (input.billing_address) order.billing_address = input.billing_address
  if (input.shipping_address) order.shipping_address = input.shipping_address
  return noContent()
}

/** Meant for Klarna Checkout orders; for KP orders Klarna accepts it as a no-op. */
export const acknowledgeOrder: ApiHandler = (ctx, { order_id }) => {
  findOrder(ctx, order_id).acknowledged = true
  return noContent()
}

/** The newer order-level shipping info (before or without a capture). */
export const addOrderShippingInfo: ApiHandler = (ctx, { order_id }) => {
  const order = findOrder(ctx, order_id)
  validateOmBody("UpdateShippingInfo", ctx.request.body)
  order.shipping_info.push(...body<{ shipping_info: ShippingInfo[] }>(ctx).shipping_info)
  return noContent()
}
