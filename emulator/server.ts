import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import { randomUUID } from "node:crypto"
import { apiRouter, isIdempotent } from "./api-routes"
import { type Account, authenticate, claimedUsername } from "./auth"
import { Callbacks } from "./callbacks"
import { controlRouter } from "./controls"
import { badValue, errorResponse, KlarnaError } from "./errors"
import { faultError, takeFault } from "./faults"
import { header, type EmulatorRequest, type EmulatorResponse } from "./http"
import { withIdempotency } from "./idempotency"
import { handleWidget, isWidgetPath } from "./js-sdk/routes"
import type { RouteMatch } from "./router"
import { EmulatorState, type LoggedRequest } from "./state"

export interface ServerOptions {
  accounts: Account[]
  /** First retry delay of merchant callbacks (Klarna: 1000 ms). */
  callbackBackoffMs: number
}

interface ParsedRequest extends EmulatorRequest {
  invalidJson: boolean
}

/** HTTP front: reads the request, logs it, applies faults, then routes to the API or the controls. */
export function createEmulatorServer(options: ServerOptions): { server: Server; callbacks: Callbacks } {
  const state = new EmulatorState()
  const callbacks = new Callbacks(state, options.callbackBackoffMs)
  const accounts = options.accounts.map((account) => account.username)

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = await readRequest(req)
    if (isWidgetPath(request.path)) {
      send(res, await handleWidget({ state, request, callbacks, accounts }, failure))
      return
    }
    if (request.path === "/__emulator" || request.path.startsWith("/__emulator/")) {
      send(res, await control(request))
      return
    }
    const entry = logEntry(request, req.socket.remotePort)
    state.requests.push(entry)

    const fault = takeFault(state.faults, request.method, request.path)
    if (fault?.delay_ms) await sleep(fault.delay_ms)
    if (fault?.drop_connection === "before") return drop(res)
    if (fault?.status) return send(res, errorResponse(faultError(fault)), entry)

    const response = api(request)
    if (fault?.delay_after_ms) await sleep(fault.delay_after_ms)
    if (fault?.drop_connection === "after") return drop(res)
    send(res, response, entry)
  }

  /** Synchronous from auth to answer, so idempotency checks cannot interleave. */
  function api(request: ParsedRequest): EmulatorResponse {
    try {
      const merchant = authenticate(request, options.accounts)
      if (request.invalidJson) throw badValue("Bad value: body (not valid JSON)")
      const route = routed(apiRouter.match(request.method, request.path))
      const ctx = { state, request, merchant, now: Date.now() }
      if (!isIdempotent(request.method, request.path)) return route.handler(ctx, route.params)
      const key = header(request, "klarna-idempotency-key")
      return withIdempotency(state, merchant, key, ctx.now, () => route.handler(ctx, route.params))
    } catch (error) {
      return failure(error)
    }
  }

  async function control(request: ParsedRequest): Promise<EmulatorResponse> {
    try {
      if (request.invalidJson) throw badValue("Bad value: body (not valid JSON)")
      const route = routed(controlRouter.match(request.method, request.path))
      return await route.handler({ state, request, callbacks, accounts }, route.params)
    } catch (error) {
      return failure(error)
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent && !res.destroyed) send(res, failure(error))
    })
  })
  return { server, callbacks }
}

function routed<H>(match: RouteMatch<H>): Extract<RouteMatch<H>, { kind: "found" }> {
  if (match.kind === "not_found") throw new KlarnaError(404, "NOT_FOUND", ["No such resource"])
  if (match.kind === "method_not_allowed") throw new KlarnaError(405, "METHOD_NOT_ALLOWED", ["Method not allowed"])
  return match
}

function failure(error: unknown): EmulatorResponse {
  if (error instanceof KlarnaError) return errorResponse(error)
  console.error("[klarna-emulator] internal error", error)
  return errorResponse(new KlarnaError(500, "INTERNAL_SERVER_ERROR", ["Internal error in the emulator"]))
}

async function readRequest(req: IncomingMessage): Promise<ParsedRequest> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const raw = Buffer.concat(chunks).toString("utf8")
  const url = new URL(req.url ?? "/", "http://emulator")
  let body: unknown = null
  let invalidJson = false
  if (raw.trim()) {
    try {
      body = JSON.parse(raw)
    } catch {
      body = raw
      invalidJson = true
    }
  }
  return {
    method: (req.method ?? "GET").toUpperCase(),
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: req.headers,
    body,
    baseUrl: `http://${req.headers.host ?? "127.0.0.1"}`,
    invalidJson,
  }
}

function logEntry(request: EmulatorRequest, remotePort: number | undefined): LoggedRequest {
  const headers = { ...request.headers }
  if (headers.authorization !== undefined) headers.authorization = "[REDACTED]"
  return {
    method: request.method,
    path: request.path,
    query: request.query,
    headers,
    username: claimedUsername(request),
    body: request.body,
    remote_port: remotePort ?? null,
    status: 0,
    at: new Date().toISOString(),
  }
}

function send(res: ServerResponse, response: EmulatorResponse, entry?: LoggedRequest): void {
  if (res.destroyed) return
  const headers: Record<string, string> = { "Klarna-Correlation-Id": randomUUID(), ...response.headers }
  // a string body is sent as is (the JS SDK script), anything else as JSON
  const raw = typeof response.body === "string"
  const payload = response.body === undefined ? "" : raw ? (response.body as string) : JSON.stringify(response.body)
  if (payload && !raw) headers["Content-Type"] = "application/json"
  headers["Content-Length"] = String(Buffer.byteLength(payload))
  res.writeHead(response.status, headers)
  res.end(payload)
  if (entry) entry.status = response.status
}

function drop(res: ServerResponse): void {
  res.socket?.destroy()
  res.destroy()
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
