import { randomUUID } from "node:crypto"
import { lineErrors, sumErrors } from "./arithmetic"
import type { ApiHandler } from "./context"
import { badValue, notFound, refundNotAllowed } from "./errors"
import { json } from "./http"
import { body, findOrder } from "./om-lookup"
import { capturedAmount, refundedAmount, refundView } from "./order-model"
import type { Order, OrderLine, Refund } from "./state"
import { validateOmBody } from "./validate"

interface RefundBody {
  refunded_amount: number
  description?: string
  reference?: string
  order_lines?: OrderLine[]
}

export const createRefund: ApiHandler = (ctx, { order_id }) => {
  const order = findOrder(ctx, order_id)
  validateOmBody("RefundObject", ctx.request.body)
  const input = body<RefundBody>(ctx)
  if (input.refunded_amount === 0) throw badValue("Bad value: refunded_amount (must be greater than 0)")
  if (input.order_lines?.length) {
    const errors = [
      ...lineErrors(input.order_lines),
      ...sumErrors(input.order_lines, "refunded_amount", input.refunded_amount),
    ]
    if (errors.length) throw badValue(...errors)
  }
  if (!order.captures.length) throw refundNotAllowed("Order has no captures. Refund not allowed.")
  const refundable = capturedAmount(order) - refundedAmount(order)
  if (input.refunded_amount > refundable) {
    throw refundNotAllowed(
      `Refunded amount is higher than the captured amount not yet refunded (requested ${input.refunded_amount}, available ${refundable}).`
    )
  }
  const refund: Refund = {
    refund_id: randomUUID(),
    refunded_amount: input.refunded_amount,
    refunded_at: new Date(ctx.now).toISOString(),
    description: input.description,
    reference: input.reference,
    order_lines: input.order_lines ?? [],
  }
  order.refunds.push(refund)
  ctx.state.settlements.recordReturn(order, refund)
  spreadOverCaptures(order, refund.refunded_amount)
  return {
    status: 201,
    headers: {
      "Refund-Id": refund.refund_id,
      Location: `${ctx.request.baseUrl}/ordermanagement/v1/orders/${encodeURIComponent(order.order_id)}/refunds/${refund.refund_id}`,
    },
  }
}

/** Refunds are order-level; each capture's refunded_amount is filled oldest capture first. */
function spreadOverCaptures(order: Order, amount: number): void {
  let left = amount
  for (const capture of order.captures) {
    const take = Math.min(left, capture.captured_amount - capture.refunded_amount)
    capture.refunded_amount += take
    left -= take
    if (left === 0) return
  }
}

export const getRefund: ApiHandler = (ctx, { order_id, refund_id }) => {
  const refund = findOrder(ctx, order_id).refunds.find((r) => r.refund_id === refund_id)
  if (!refund) throw notFound(`The refund ${refund_id} does not exist`)
  return json(refundView(refund))
}
