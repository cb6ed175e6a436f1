import { readFileSync } from "node:fs"
import path from "node:path"
import type { Callbacks } from "../callbacks"
import { controlRouter } from "../controls"
import { badValue, notFound } from "../errors"
import { json, type EmulatorRequest, type EmulatorResponse, type Params } from "../http"
import { Router } from "../router"
import type { EmulatorState, Session } from "../state"
import { PAYMENT_METHOD_CATEGORIES } from "../kp-sessions"

/**
 * The shopper's side of Klarna Payments: the JS SDK stand-in at /kp/lib/v1/api.js and the two
 * calls its widget makes (read the session for display, approve/decline). Browser-facing, so
 * CORS-open; the widget proves the session with its client_token, as Klarna's does.
 */
export interface WidgetContext {
  state: EmulatorState
  request: EmulatorRequest
  callbacks: Callbacks
  accounts: string[]
}
type WidgetHandler = (ctx: WidgetContext, params: Params) => EmulatorResponse | Promise<EmulatorResponse>

export const SDK_PATH = "/kp/lib/v1/api.js"
const SCRIPT = readFileSync(path.join(__dirname, "api.browser.js"), "utf8")

export const isWidgetPath = (p: string) => p === SDK_PATH || p.startsWith("/kp/widget/")

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type",
}

/** The session the client_token names; a token that does not match it is refused like Klarna's. */
function sessionFor(ctx: WidgetContext, sessionId: string, clientToken: unknown): Session {
  const session = ctx.state.sessions.get(sessionId)
  if (!session) throw notFound("Invalid session id")
  if (typeof clientToken !== "string" || clientToken !== session.client_token) throw badValue("Bad value: client_token")
  return session
}

const script: WidgetHandler = (ctx) => ({
  status: 200,
  headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-cache" },
  body: SCRIPT.replaceAll("__EMULATOR_BASE_URL__", ctx.request.baseUrl),
})

/** What the widget shows: amount, currency, lines, categories (never merchant URLs or tokens). */
const readForWidget: WidgetHandler = (ctx, { session_id }) => {
  const session = sessionFor(ctx, session_id, ctx.request.query.client_token)
  return json({
    session_id,
    purchase_currency: session.data.purchase_currency,
    order_amount: session.data.order_amount,
    order_lines: session.data.order_lines.map((l) => ({
      name: l.name,
      quantity: l.quantity,
      total_amount: l.total_amount,
    })),
    payment_method_categories: PAYMENT_METHOD_CATEGORIES,
  })
}

/** The shopper's answer, through the same control the tests use (token, authorization callback). */
const authorize: WidgetHandler = async (ctx, { session_id }) => {
  const body = (ctx.request.body ?? {}) as Record<string, unknown>
  sessionFor(ctx, session_id, body.client_token)
  if (typeof body.approve !== "boolean") throw badValue("Bad value: approve")
  const match = controlRouter.match("POST", `/__emulator/sessions/${encodeURIComponent(session_id)}/authorize`)
  if (match.kind !== "found") throw notFound("Invalid session id")
  const reply = await match.handler(
    { ...ctx, request: { ...ctx.request, body: { approve: body.approve } } },
    match.params
  )
  const { approved, authorization_token } = reply.body as { approved: boolean; authorization_token?: string }
  return json({ approved, authorization_token })
}

const widgetRouter = new Router<WidgetHandler>()
  .add("GET", SDK_PATH, script)
  .add("GET", "/kp/widget/sessions/:session_id", readForWidget)
  .add("POST", "/kp/widget/sessions/:session_id/authorize", authorize)

export async function handleWidget(
  ctx: WidgetContext,
  fail: (error: unknown) => EmulatorResponse
): Promise<EmulatorResponse> {
  if (ctx.request.method === "OPTIONS") return { status: 204, headers: CORS }
  let response: EmulatorResponse
  try {
    const match = widgetRouter.match(ctx.request.method, ctx.request.path)
    if (match.kind !== "found") throw notFound("No such resource")
    response = await match.handler(ctx, match.params)
  } catch (error) {
    response = fail(error)
  }
  return { ...response, headers: { ...CORS, ...response.headers } }
}
