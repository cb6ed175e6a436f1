import { randomUUID } from "node:crypto"
import { purchaseErrors } from "./arithmetic"
import type { ApiContext, ApiHandler } from "./context"
import { badValue, notFound } from "./errors"
import { json, noContent } from "./http"
import type { PurchaseData, Session } from "./state"
import { validateKpBody } from "./validate"

/** A session stays valid 48 hours after its last update. */
const SESSION_LIFETIME_MS = 48 * 60 * 60 * 1000

export const PAYMENT_METHOD_CATEGORIES = [
  { identifier: "pay_later", name: "Pay later." },
  { identifier: "pay_over_time", name: "Financing" },
  { identifier: "pay_now", name: "Pay now." },
].map((category) => ({
  ...category,
  asset_urls: {
    descriptive: `https://x.klarnacdn.net/payment-method/assets/badges/generic/klarna.svg`,
    standard: `https://x.klarnacdn.net/payment-method/assets/badges/generic/klarna.svg`,
  },
}))

/** Shaped like Klarna's (a JWT); the emulator never reads it back. */
function clientToken(sessionId: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url")
  return [
    part({ alg: "RS256", typ: "JWT" }),
    part({ session_id: sessionId, emulator: true }),
    "emulator-signature",
  ].join(".")
}

export function findSession(ctx: ApiContext, sessionId: string): Session {
  const session = ctx.state.sessions.get(sessionId)
  if (!session || session.merchant !== ctx.merchant || ctx.now >= sessionExpiry(session)) {
    throw notFound("Invalid session id")
  }
  return session
}

const sessionExpiry = (session: Session) => session.updated_at + SESSION_LIFETIME_MS

function assertArithmetic(data: PurchaseData): void {
  const errors = purchaseErrors(data)
  if (errors.length) throw badValue(...errors)
}

export const createSession: ApiHandler = (ctx) => {
  validateKpBody("create-session", ctx.request.body)
  const data = ctx.request.body as PurchaseData
  assertArithmetic(data)
  const sessionId = randomUUID()
  const session: Session = {
    session_id: sessionId,
    merchant: ctx.merchant,
    client_token: clientToken(sessionId),
    created_at: ctx.now,
    updated_at: ctx.now,
    data,
  }
  ctx.state.sessions.set(sessionId, session)
  return json({
    session_id: sessionId,
    client_token: session.client_token,
    payment_method_categories: PAYMENT_METHOD_CATEGORIES,
  })
}

/** Partial update; the merged session must still add up. */
export const updateSession: ApiHandler = (ctx, { session_id }) => {
  const session = findSession(ctx, session_id)
  validateKpBody("update-session", ctx.request.body ?? {})
  const merged = { ...session.data, ...(ctx.request.body as Partial<PurchaseData> | null) }
  assertArithmetic(merged)
  session.data = merged
  session.updated_at = ctx.now
  return noContent()
}

export const readSession: ApiHandler = (ctx, { session_id }) => {
  const session = findSession(ctx, session_id)
  return json({
    ...session.data,
    acquiring_channel: "ECOMMERCE",
    intent: session.data.intent ?? "buy",
    client_token: session.client_token,
    payment_method_categories: PAYMENT_METHOD_CATEGORIES,
    status: session.authorization_token ? "complete" : "incomplete",
    authorization_token: session.authorization_token,
    expires_at: new Date(sessionExpiry(session)).toISOString(),
  })
}
