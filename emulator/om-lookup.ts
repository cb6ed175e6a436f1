import type { ApiContext } from "./context"
import { noSuchCapture, noSuchOrder } from "./errors"
import type { Capture, Order } from "./state"

/** An order of another merchant is as unknown as a missing one: credentials belong to one merchant. */
export function findOrder(ctx: ApiContext, orderId: string): Order {
  const order = ctx.state.orders.get(orderId)
  if (!order || order.merchant !== ctx.merchant) throw noSuchOrder(orderId)
  return order
}

export function findCapture(order: Order, captureId: string): Capture {
  const capture = order.captures.find((c) => c.capture_id === captureId)
  if (!capture) throw noSuchCapture(captureId)
  return capture
}

export const body = <T>(ctx: ApiContext) => ctx.request.body as T
