import { randomUUID } from "node:crypto"
import { type Callbacks, fillPlaceholders } from "./callbacks"
import { badValue, notFound } from "./errors"
import { parseFault } from "./faults"
import { json, noContent, type EmulatorRequest, type EmulatorResponse, type Params } from "./http"
import { DAY_MS, orderView } from "./order-model"
import { Router } from "./router"
import { addTransactions, closePayout, pendingTransactions, setFees } from "./settlements-controls"
import type { CallbackAttempt, EmulatorState, FraudStatus, Order, PaymentMethod } from "./state"

/** Test and demo controls under /__emulator/ (no auth): the shopper, Klarna's back office, chaos. */
export interface ControlContext {
  state: EmulatorState
  request: EmulatorRequest
  callbacks: Callbacks
  /** the usernames of the emulator's accounts (merchants) */
  accounts: string[]
}
type ControlHandler = (ctx: ControlContext, params: Params) => EmulatorResponse | Promise<EmulatorResponse>

/** An authorization token is valid for 60 minutes. */
const TOKEN_LIFETIME_MS = 60 * 60 * 1000
const FRAUD_STATUSES = ["ACCEPTED", "PENDING", "REJECTED"]

function paymentMethod(type: string): PaymentMethod {
  const upper = type.toUpperCase()
  if (upper === "INVOICE") return { type: upper, number_of_days: 30, number_of_installments: 0 }
  if (upper === "FIXED_AMOUNT" || upper === "PAY_IN_X")
    return { type: upper, number_of_days: 0, number_of_installments: 3 }
  return { type: upper, number_of_days: 0, number_of_installments: 0 }
}

const input = (ctx: ControlContext) => (ctx.request.body ?? {}) as Record<string, unknown>

const callbackSummary = (attempt: CallbackAttempt) => ({
  url: attempt.url,
  status: attempt.status,
  error: attempt.error,
})

/** The shopper in Klarna's widget: approves (token + authorization callback) or declines. */
const authorizeSession: ControlHandler = async (ctx, { session_id }) => {
  const session = ctx.state.sessions.get(session_id)
  if (!session) throw notFound("Invalid session id")
  const body = input(ctx)
  if (body.approve !== undefined && typeof body.approve !== "boolean") throw badValue("Bad value: approve")
  if (body.fraud_status !== undefined && !FRAUD_STATUSES.includes(body.fraud_status as string)) {
    throw badValue(`Bad value: fraud_status (one of ${FRAUD_STATUSES.join(", ")})`)
  }
  if (body.payment_method !== undefined && typeof body.payment_method !== "string") {
    throw badValue("Bad value: payment_method")
  }
  if (body.approve === false) return json({ approved: false })

  // One live token per session: a new authorization revokes an older, unused one.
  const previous = session.authorization_token && ctx.state.authorizations.get(session.authorization_token)
  if (previous && !previous.order) previous.revoked = true

  const now = Date.now()
  const token = randomUUID()
  ctx.state.authorizations.set(token, {
    token,
    session_id,
    merchant: session.merchant,
    authorized: structuredClone(session.data),
    fraud_status: (body.fraud_status as FraudStatus | undefined) ?? "ACCEPTED",
    payment_method: paymentMethod((body.payment_method as string | undefined) ?? "INVOICE"),
    created_at: now,
    expires_at: now + TOKEN_LIFETIME_MS,
    revoked: false,
  })
  session.authorization_token = token

  const url = session.data.merchant_urls?.authorization
  const attempt = url
    ? await ctx.callbacks.send("authorization", fillPlaceholders(url, { sessionId: session_id }), {
        authorization_token: token,
        session_id,
      })
    : undefined
  return json({
    approved: true,
    authorization_token: token,
    authorization_callback: attempt && callbackSummary(attempt),
  })
}

function findOrder(ctx: ControlContext, orderId: string): Order {
  const order = ctx.state.orders.get(orderId)
  if (!order) throw notFound(`The order ${orderId} does not exist`)
  return order
}

/** Full internal state: the OM view plus the emulator's bookkeeping. */
const internalOrder = (order: Order) => ({
  ...orderView(order),
  merchant: order.merchant,
  session_id: order.session_id,
  merchant_urls: order.merchant_urls,
  payment_method: order.payment_method,
  cancelled: order.cancelled,
  released: order.released,
  acknowledged: order.acknowledged,
  increases_allowed: order.increases_allowed,
  order_shipping_info: order.shipping_info,
  captures: order.captures,
})

/** No body: expired now. `{in_days}`: expires that many days from now (still valid). */
const expireOrder: ControlHandler = (ctx, { order_id }) => {
  const order = findOrder(ctx, order_id)
  const inDays = input(ctx).in_days
  if (inDays !== undefined && typeof inDays !== "number") throw badValue("Bad value: in_days")
  order.expires_at = inDays === undefined ? Date.now() - 1000 : Date.now() + inDays * DAY_MS
  return json(internalOrder(order))
}

/** Klarna's risk decision on authorization increases for this order: `{ allow: false }` refuses them (403). */
const authorizationIncreases: ControlHandler = (ctx, { order_id }) => {
  const order = findOrder(ctx, order_id)
  const allow = input(ctx).allow
  if (typeof allow !== "boolean") throw badValue("Bad value: allow (true or false)")
  order.increases_allowed = allow
  return json(internalOrder(order))
}

const FRAUD_EVENTS: Record<string, string | undefined> = {
  ACCEPTED: "FRAUD_RISK_ACCEPTED",
  REJECTED: "FRAUD_RISK_REJECTED",
  STOPPED: "FRAUD_RISK_STOPPED",
}

/**
 * Klarna's fraud decision on a pending order. STOPPED (Klarna stops an order it had accepted)
 * leaves fraud_status REJECTED. PENDING sends nothing. Nothing is cancelled: that is the merchant's job.
 */
const setFraudStatus: ControlHandler = async (ctx, { order_id }) => {
  const order = findOrder(ctx, order_id)
  const requested = input(ctx).fraud_status
  if (typeof requested !== "string" || !(requested in FRAUD_EVENTS || requested === "PENDING")) {
    throw badValue("Bad value: fraud_status (one of ACCEPTED, PENDING, REJECTED, STOPPED)")
  }
  order.fraud_status = requested === "STOPPED" ? "REJECTED" : (requested as FraudStatus)
  const eventType = FRAUD_EVENTS[requested]
  const url = order.merchant_urls.notification
  if (!eventType || !url) return json({ notified: false, fraud_status: order.fraud_status })
  const attempt = await ctx.callbacks.send(
    "notification",
    fillPlaceholders(url, { sessionId: order.session_id, orderId: order.order_id }),
    { order_id: order.order_id, event_type: eventType }
  )
  return json({ notified: true, fraud_status: order.fraud_status, ...callbackSummary(attempt) })
}

const listRequests: ControlHandler = (ctx) => {
  const { path_prefix, method } = ctx.request.query
  return json(
    ctx.state.requests.filter(
      (r) => (!path_prefix || r.path.startsWith(path_prefix)) && (!method || r.method === method.toUpperCase())
    )
  )
}

const addFault: ControlHandler = (ctx) => {
  const fault = parseFault(ctx.request.body)
  ctx.state.faults.push(fault)
  return json({ id: fault.id })
}

/** Where Klarna's redirect_url takes the shopper: the merchant's confirmation page. */
const redirect: ControlHandler = (ctx, { id }) => {
  const order = ctx.state.orders.get(id)
  const session = ctx.state.sessions.get(order?.session_id ?? id)
  const confirmation = order?.merchant_urls.confirmation ?? session?.data.merchant_urls?.confirmation
  if (!confirmation) return json({ message: "No confirmation URL for this order or session" })
  const location = fillPlaceholders(confirmation, { sessionId: session?.session_id, orderId: order?.order_id })
  return { status: 302, headers: { Location: location } }
}

export const controlRouter = new Router<ControlHandler>()
  .add("POST", "/__emulator/sessions/:session_id/authorize", authorizeSession)
  .add("GET", "/__emulator/sessions/:session_id", (ctx, { session_id }) => {
    const session = ctx.state.sessions.get(session_id)
    if (!session) throw notFound("Invalid session id")
    return json(session)
  })
  .add("GET", "/__emulator/orders/:order_id", (ctx, { order_id }) => json(internalOrder(findOrder(ctx, order_id))))
  .add("POST", "/__emulator/orders/:order_id/expire", expireOrder)
  .add("POST", "/__emulator/orders/:order_id/fraud-status", setFraudStatus)
  .add("POST", "/__emulator/orders/:order_id/authorization-increases", authorizationIncreases)
  .add("GET", "/__emulator/requests", listRequests)
  .add("DELETE", "/__emulator/requests", (ctx) => {
    ctx.state.requests = []
    return noContent()
  })
  .add("GET", "/__emulator/faults", (ctx) =>
    json(ctx.state.faults.map((f) => ({ ...f, remaining: f.remaining === Infinity ? "unlimited" : f.remaining })))
  )
  .add("POST", "/__emulator/faults", addFault)
  .add("DELETE", "/__emulator/faults", (ctx) => {
    ctx.state.faults = []
    return noContent()
  })
  .add("DELETE", "/__emulator/faults/:fault_id", (ctx, { fault_id }) => {
    ctx.state.faults = ctx.state.faults.filter((f) => f.id !== fault_id)
    return noContent()
  })
  .add("GET", "/__emulator/callbacks", (ctx) => json(ctx.state.callbacks))
  .add("POST", "/__emulator/reset", (ctx) => {
    ctx.state.reset()
    return noContent()
  })
  .add("GET", "/__emulator/redirect/:id", redirect)
  .add("POST", "/__emulator/settlements/payouts", closePayout)
  .add("POST", "/__emulator/settlements/transactions", addTransactions)
  .add("GET", "/__emulator/settlements/transactions", pendingTransactions)
  .add("GET", "/__emulator/settlements/fees", (ctx) => json(ctx.state.settlements.fees))
  .add("POST", "/__emulator/settlements/fees", setFees)
