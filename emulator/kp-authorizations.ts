import { randomUUID } from "node:crypto"
import { purchaseErrors } from "./arithmetic"
import type { ApiContext, ApiHandler } from "./context"
import { badValue, conflict, notFound } from "./errors"
import { json, noContent, type EmulatorResponse } from "./http"
import { addCapture } from "./om-captures"
import { AUTHORIZATION_DAYS, DAY_MS } from "./order-model"
import type { Authorization, Order, PurchaseData } from "./state"
import { validateKpBody } from "./validate"

/** Unknown, other merchant's, expired (60 min) or cancelled tokens all look the same. */
function findAuthorization(ctx: ApiContext, token: string): Authorization {
  const authorization = ctx.state.authorizations.get(token)
  if (
    !authorization ||
    authorization.merchant !== ctx.merchant ||
    authorization.revoked ||
    ctx.now >= authorization.expires_at
  ) {
    throw notFound("Invalid authorization token")
  }
  return authorization
}

/** Key-order-independent JSON, to tell "the same body again" from "another body". */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`
  }
  return JSON.stringify(value)
}

/** The order must be what the shopper authorized: currency, country, amount and each line's total. */
function mismatches(authorized: PurchaseData, requested: PurchaseData): string[] {
  const messages: string[] = []
  const differs = (field: string, was: unknown, now: unknown) =>
    messages.push(`Bad value: ${field} (does not match the authorized session: authorized ${was}, got ${now})`)
  for (const field of ["purchase_currency", "purchase_country"] as const) {
    if (authorized[field].toUpperCase() !== requested[field].toUpperCase()) {
      differs(field, authorized[field], requested[field])
    }
  }
  if (authorized.order_amount !== requested.order_amount) {
    differs("order_amount", authorized.order_amount, requested.order_amount)
  }
  if (authorized.order_lines.length !== requested.order_lines.length) {
    differs("order_lines", `${authorized.order_lines.length} lines`, `${requested.order_lines.length} lines`)
  } else {
    authorized.order_lines.forEach((line, i) => {
      const total = requested.order_lines[i].total_amount
      if (line.total_amount !== total) differs(`order_lines[${i}].total_amount`, line.total_amount, total)
    })
  }
  return messages
}

function newKlarnaReference(ctx: ApiContext): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
  for (;;) {
    const reference = Array.from({ length: 7 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join("")
    if (!ctx.state.klarnaReferences.has(reference)) {
      ctx.state.klarnaReferences.add(reference)
      return reference
    }
  }
}

/**
 * POST /payments/v1/authorizations/{token}/order. The token's first order is remembered: the same
 * body again gets the same order (a client retry is safe), another body is 409 CONFLICT.
 */
export const createOrder: ApiHandler = (ctx, { authorization_token }) => {
  const authorization = findAuthorization(ctx, authorization_token)
  validateKpBody("create-order", ctx.request.body)
  const requested = ctx.request.body as PurchaseData & { auto_capture?: boolean }
  const errors = purchaseErrors(requested)
  if (errors.length) throw badValue(...errors)
  const canonical = canonicalJson(requested)
  if (authorization.order) {
    if (authorization.order.body === canonical) return authorization.order.response
    throw conflict("CONFLICT", "The authorization token has already been used to create an order with another body.")
  }
  const differences = mismatches(authorization.authorized, requested)
  if (differences.length) throw conflict("BAD_VALUE", ...differences)

  const order = placeOrder(ctx, authorization, requested)
  const response: EmulatorResponse = json({
    order_id: order.order_id,
    redirect_url: `${ctx.request.baseUrl}/__emulator/redirect/${order.order_id}`,
    fraud_status: order.fraud_status,
    authorized_payment_method: {
      ...authorization.payment_method,
      type: authorization.payment_method.type.toLowerCase(),
    },
  })
  authorization.order = { body: canonical, response }
  return response
}

function placeOrder(
  ctx: ApiContext,
  authorization: Authorization,
  requested: PurchaseData & { auto_capture?: boolean }
): Order {
  const session = ctx.state.sessions.get(authorization.session_id)
  const order: Order = {
    order_id: randomUUID(),
    merchant: ctx.merchant,
    session_id: authorization.session_id,
    klarna_reference: newKlarnaReference(ctx),
    fraud_status: authorization.fraud_status,
    order_amount: requested.order_amount,
    original_order_amount: requested.order_amount,
    purchase_currency: requested.purchase_currency,
    purchase_country: requested.purchase_country,
    locale: requested.locale ?? authorization.authorized.locale,
    order_lines: requested.order_lines,
    merchant_reference1: requested.merchant_reference1,
    merchant_reference2: requested.merchant_reference2,
    merchant_data: requested.merchant_data,
    billing_address: requested.billing_address ?? session?.data.billing_address,
    shipping_address: requested.shipping_address ?? session?.data.shipping_address,
    merchant_urls: { ...session?.data.merchant_urls, ...requested.merchant_urls },
    payment_method: authorization.payment_method,
    created_at: ctx.now,
    expires_at: ctx.now + AUTHORIZATION_DAYS * DAY_MS,
    captures: [],
    refunds: [],
    cancelled: false,
    released: false,
    acknowledged: false,
    shipping_info: [],
    increases_allowed: true,
  }
  if (requested.auto_capture) {
    addCapture(ctx.state, order, { captured_amount: order.order_amount, order_lines: order.order_lines }, ctx.now)
  }
  ctx.state.orders.set(order.order_id, order)
  return order
}

/** DELETE /payments/v1/authorizations/{token}: the token (and the session's authorization) is gone. */
export const cancelAuthorization: ApiHandler = (ctx, { authorization_token }) => {
  const authorization = findAuthorization(ctx, authorization_token)
  if (authorization.order) throw notFound("Invalid authorization token")
  authorization.revoked = true
  const session = ctx.state.sessions.get(authorization.session_id)
  if (session?.authorization_token === authorization.token) session.authorization_token = undefined
  return noContent()
}

export const createCustomerToken: ApiHandler = (ctx, { authorization_token }) => {
  const authorization = findAuthorization(ctx, authorization_token)
  validateKpBody("customer-token", ctx.request.body)
  const requested = ctx.request.body as { purchase_country: string; purchase_currency: string }
  const canonical = canonicalJson(requested)
  if (authorization.customer_token) {
    if (authorization.customer_token.body === canonical) return authorization.customer_token.response
    throw conflict("CONFLICT", "A customer token was already created from this authorization with another body.")
  }
  const differences = mismatches(authorization.authorized, {
    ...authorization.authorized,
    purchase_country: requested.purchase_country,
    purchase_currency: requested.purchase_currency,
  })
  if (differences.length) throw conflict("BAD_VALUE", ...differences)
  const tokenId = randomUUID()
  const response = json({
    token_id: tokenId,
    redirect_url: `${ctx.request.baseUrl}/__emulator/redirect/${authorization.session_id}`,
  })
  authorization.customer_token = { body: canonical, response }
  return response
}
