import { inspect } from "node:util"
import { startKlarnaEmulator } from "../../../../emulator"
import { line as emulatorLine, purchase as emulatorPurchase } from "../../../../emulator/__tests__/helpers"
import {
  idempotencyKeyFor,
  isKlarnaError,
  KlarnaClient,
  KlarnaError,
  KLARNA_PLUGIN_USER_AGENT,
  type KlarnaClientOptions,
  type KlarnaLogEntry,
  type KpOrderRequest,
  type OrderLine,
} from "../index"

const USERNAME = "client_spec_user"
const PASSWORD = "client-spec-Pw!7f3e9a"
const BASIC = Buffer.from(`${USERNAME}:${PASSWORD}`).toString("base64")
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

let emulator: { url: string; close(): Promise<void> }
const clients: KlarnaClient[] = []

interface LoggedRequest {
  method: string
  path: string
  headers: Record<string, string | undefined>
  username: string | null
  body: unknown
  status: number
}

async function ctl<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${emulator.url}/__emulator${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  if (res.status >= 300) throw new Error(`control ${method} ${path}: ${res.status} ${text}`)
  return (text ? JSON.parse(text) : undefined) as T
}

const requests = () => ctl<LoggedRequest[]>("GET", "/requests")
const fault = (f: Record<string, unknown>) => ctl("POST", "/faults", f)

/** A client with test-sized retry delays and a captured log. */
function makeClient(overrides: Partial<KlarnaClientOptions> = {}) {
  const log: KlarnaLogEntry[] = []
  const client = new KlarnaClient({
    username: USERNAME,
    password: PASSWORD,
    baseUrl: emulator.url,
    timeoutMs: 2000,
    retry: { retries: 3, minDelayMs: 5, maxDelayMs: 20, maxTotalMs: 10000 },
    logger: (e) => log.push(e),
    ...overrides,
  })
  clients.push(client)
  return { client, log }
}

// the emulator tests' purchase (2 × 10.00 + 5.00 shipping − 3.00 discount, 25 % VAT) and lines, typed for the client
const line = (amount: number, name?: string) => emulatorLine(amount, name) as OrderLine
const purchase = (extra: Partial<KpOrderRequest> = {}) => emulatorPurchase(extra) as KpOrderRequest

async function authorizedSession(client: KlarnaClient, body = purchase()) {
  const { session_id } = await client.createSession(body)
  const { authorization_token } = await ctl<{ authorization_token: string }>(
    "POST",
    `/sessions/${session_id}/authorize`,
    {
      approve: true,
    }
  )
  return { sessionId: session_id, token: authorization_token, body }
}

async function placeOrder(client: KlarnaClient): Promise<string> {
  const { token, body } = await authorizedSession(client)
  return (await client.createOrder(token, body)).order_id
}

const omPath = (orderId: string, rest = "") => `/ordermanagement/v1/orders/${orderId}${rest}`

beforeAll(async () => {
  emulator = await startKlarnaEmulator({ port: 0, username: USERNAME, password: PASSWORD })
})

afterAll(async () => {
  for (const c of clients) c.close()
  await emulator?.close()
})

beforeEach(async () => {
  await ctl("POST", "/reset")
})

describe("every method against the emulator", () => {
  it("KP: sessions, authorization, order, customer token, cancel authorization", async () => {
    const { client } = makeClient()
    const created = await client.createSession(purchase())
    expect(created.session_id).toEqual(expect.any(String))
    expect(created.client_token).toEqual(expect.any(String))

    await expect(client.updateSession(created.session_id, { merchant_reference1: "cart_1" })).resolves.toBeUndefined()
    const read = await client.getSession(created.session_id)
    expect(read.merchant_reference1).toBe("cart_1")
    expect(read.status).toBe("incomplete")

    const { authorization_token: token } = await ctl<{ authorization_token: string }>(
      "POST",
      `/sessions/${created.session_id}/authorize`,
      {
        approve: true,
      }
    )
    expect((await client.getSession(created.session_id)).authorization_token).toBe(token)

    const order = await client.createOrder(token, purchase({ merchant_reference1: "cart_1" }))
    expect(order.order_id).toMatch(UUID)
    expect(order.fraud_status).toBe("ACCEPTED")

    const second = await authorizedSession(client)
    await expect(client.cancelAuthorization(second.token)).resolves.toBeUndefined()
    const afterCancel = await client.createOrder(second.token, second.body).catch((e) => e)
    expect(afterCancel).toBeInstanceOf(KlarnaError)
    expect(afterCancel).toMatchObject({ kind: "http", status: 404, operation: "createOrder" })

    const log = await requests()
    expect(log.map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, ":id")}`)).toEqual([
      "POST /payments/v1/sessions",
      "POST /payments/v1/sessions/:id",
      "GET /payments/v1/sessions/:id",
      "GET /payments/v1/sessions/:id",
      "POST /payments/v1/authorizations/:id/order",
      "POST /payments/v1/sessions",
      "DELETE /payments/v1/authorizations/:id",
      "POST /payments/v1/authorizations/:id/order",
    ])
    for (const r of log) {
      expect(r.username).toBe(USERNAME)
      expect(r.headers["user-agent"]).toBe(KLARNA_PLUGIN_USER_AGENT)
      expect(r.headers["klarna-idempotency-key"]).toBeUndefined() // KP takes none
    }
  })

  it("OM: every order, capture and refund endpoint, each change under the caller's key", async () => {
    const { client } = makeClient()
    const orderId = await placeOrder(client)
    await ctl("DELETE", "/requests")
    const key = (purpose: string) => idempotencyKeyFor(orderId, purpose)

    const order = await client.getOrder(orderId)
    expect(order).toMatchObject({
      order_id: orderId,
      status: "AUTHORIZED",
      order_amount: 2200,
      remaining_authorized_amount: 2200,
    })

    await client.extendAuthorizationTime(orderId, { idempotencyKey: key("extend-auth") })
    await client.updateMerchantReferences(
      orderId,
      { merchant_reference1: "1042", merchant_reference2: "order_01" },
      { idempotencyKey: key("refs") }
    )

    const capture = await client.createCapture(
      orderId,
      {
        captured_amount: 1000,
        description: "first parcel",
        order_lines: [line(1000)],
        shipping_info: [{ shipping_company: "PostNord", shipping_method: "Home", tracking_number: "PN1" }],
      },
      { idempotencyKey: key("capture-1") }
    )
    expect(capture.capture_id).toEqual(expect.any(String))
    expect(capture.location).toContain(`/captures/${capture.capture_id}`)

    const captures = await client.listCaptures(orderId)
    expect(captures.map((c) => c.capture_id)).toEqual([capture.capture_id])
    const one = await client.getCapture(orderId, capture.capture_id)
    expect(one).toMatchObject({ capture_id: capture.capture_id, captured_amount: 1000 })

    await client.addCaptureShippingInfo(
      orderId,
      capture.capture_id,
      { shipping_info: [{ shipping_company: "DHL", tracking_number: "D2" }] },
      { idempotencyKey: key("ship-1") }
    )
    expect((await client.getCapture(orderId, capture.capture_id)).shipping_info?.map((s) => s.tracking_number)).toEqual(
      ["PN1", "D2"]
    )

    const options = await client.getExtendDueDateOptions(orderId, capture.capture_id)
    expect(options.options.length).toBeGreaterThan(0)
    await client.extendDueDate(
      orderId,
      capture.capture_id,
      { number_of_days: options.options[0].number_of_days },
      { idempotencyKey: key("due") }
    )
    await client.triggerSendOut(orderId, capture.capture_id, { idempotencyKey: key("send-out") })

    const refund = await client.createRefund(
      orderId,
      { refunded_amount: 500, description: "one returned", order_lines: [line(500)] },
      { idempotencyKey: key("refund-1") }
    )
    expect(refund.refund_id).toEqual(expect.any(String))
    expect(refund.location).toContain(refund.refund_id)
    await client.releaseRemainingAuthorization(orderId, { idempotencyKey: key("release") })

    const after = await client.getOrder(orderId)
    expect(after).toMatchObject({
      captured_amount: 1000,
      refunded_amount: 500,
      remaining_authorized_amount: 0,
      merchant_reference1: "1042",
      merchant_reference2: "order_01",
    })

    const other = await placeOrder(client)
    await client.cancelOrder(other, { idempotencyKey: idempotencyKeyFor(other, "cancel") })
    expect((await client.getOrder(other)).status).toBe("CANCELLED")

    const log = (await requests()).filter((r) => r.path.startsWith("/ordermanagement/"))
    const changes = log.filter((r) => r.method === "POST" || r.method === "PATCH")
    expect(changes).toHaveLength(9)
    for (const r of log) {
      expect(r.status).toBeGreaterThanOrEqual(200)
      expect(r.status).toBeLessThan(300)
      expect(r.username).toBe(USERNAME)
      if (r.method === "GET") expect(r.headers["klarna-idempotency-key"]).toBeUndefined()
      else expect(r.headers["klarna-idempotency-key"]).toMatch(UUID)
      if (r.body === null || r.body === undefined) expect(r.headers["content-type"]).toBeUndefined()
      else expect(r.headers["content-type"]).toMatch(/^application\/json/)
    }
    expect(changes.find((r) => r.path.endsWith("/captures"))!.headers["klarna-idempotency-key"]).toBe(key("capture-1"))
    expect(changes.find((r) => r.path.endsWith("/cancel"))!.headers["klarna-idempotency-key"]).toBe(
      idempotencyKeyFor(other, "cancel")
    )
  })
})

describe("retries", () => {
  it("503 twice then success: three attempts under one key, exactly one capture", async () => {
    const { client, log } = makeClient()
    const orderId = await placeOrder(client)
    await fault({ method: "POST", path: "/ordermanagement/v1/orders/*/captures", status: 503, count: 2 })
    const key = idempotencyKeyFor("ful_503")

    const result = await client.createCapture(
      orderId,
      { captured_amount: 1000, order_lines: [line(1000)] },
      { idempotencyKey: key }
    )

    const attempts = (await requests()).filter((r) => r.method === "POST" && r.path === omPath(orderId, "/captures"))
    expect(attempts.map((r) => r.status)).toEqual([503, 503, 201])
    expect(attempts.map((r) => r.headers["klarna-idempotency-key"])).toEqual([key, key, key])
    expect(attempts[2].body).toEqual(attempts[0].body)
    const order = await client.getOrder(orderId)
    expect(order.captured_amount).toBe(1000)
    expect(order.captures?.map((c) => c.capture_id)).toEqual([result.capture_id])
    expect(log.filter((e) => e.operation === "createCapture").map((e) => [e.attempt, e.status])).toEqual([
      [1, 503],
      [2, 503],
      [3, 201],
    ])
  })

  it("connection dropped after Klarna applied the capture: the retry (same key) leaves one capture", async () => {
    const { client, log } = makeClient()
    const orderId = await placeOrder(client)
    await fault({ method: "POST", path: "/ordermanagement/v1/orders/*/captures", drop_connection: "after" })
    const key = idempotencyKeyFor("ful_drop", "capture")

    const result = await client.createCapture(
      orderId,
      { captured_amount: 1000, order_lines: [line(1000)] },
      { idempotencyKey: key }
    )

    const attempts = (await requests()).filter((r) => r.method === "POST" && r.path === omPath(orderId, "/captures"))
    expect(attempts).toHaveLength(2)
    expect(attempts.map((r) => r.headers["klarna-idempotency-key"])).toEqual([key, key])
    const order = await client.getOrder(orderId)
    expect(order.captured_amount).toBe(1000)
    expect(order.captures).toHaveLength(1)
    expect(order.captures![0].capture_id).toBe(result.capture_id)
    const entries = log.filter((e) => e.operation === "createCapture")
    expect(entries.map((e) => [e.attempt, e.error_kind])).toEqual([
      [1, "network"],
      [2, undefined],
    ])
  })

  it("429 with Retry-After: waits as told, then succeeds", async () => {
    const { client, log } = makeClient()
    const orderId = await placeOrder(client)
    await fault({ method: "GET", path: omPath(orderId), status: 429, retry_after: 1, count: 1 })

    const started = Date.now()
    const order = await client.getOrder(orderId)
    const elapsed = Date.now() - started

    expect(order.order_id).toBe(orderId)
    expect(elapsed).toBeGreaterThanOrEqual(950) // backoff alone would be ≤ 20 ms
    expect(elapsed).toBeLessThan(5000)
    expect(log.map((e) => [e.attempt, e.status])).toEqual(
      expect.arrayContaining([
        [1, 429],
        [2, 200],
      ])
    )
    expect((await requests()).filter((r) => r.path === omPath(orderId)).map((r) => r.status)).toEqual([429, 200])
  })

  it("403 CAPTURE_NOT_ALLOWED: code, messages and correlation id surface; not retried", async () => {
    const { client, log } = makeClient()
    const orderId = await placeOrder(client)

    const err = await client
      .createCapture(orderId, { captured_amount: 999999 }, { idempotencyKey: idempotencyKeyFor("too-much") })
      .catch((e: unknown) => e)

    expect(isKlarnaError(err)).toBe(true)
    const e = err as KlarnaError
    expect(e).toMatchObject({
      kind: "http",
      status: 403,
      errorCode: "CAPTURE_NOT_ALLOWED",
      operation: "createCapture",
      retryable: false,
      attempts: 1,
    })
    expect(e.errorMessages.length).toBeGreaterThan(0)
    expect(e.correlationId).toMatch(UUID)
    expect(e.message).toContain("CAPTURE_NOT_ALLOWED")
    expect(e.message).toContain(e.correlationId)
    const attempts = (await requests()).filter((r) => r.method === "POST" && r.path === omPath(orderId, "/captures"))
    expect(attempts).toHaveLength(1)
    expect(log.filter((x) => x.operation === "createCapture")).toEqual([
      expect.objectContaining({
        attempt: 1,
        status: 403,
        error_code: "CAPTURE_NOT_ALLOWED",
        correlation_id: e.correlationId,
      }),
    ])
  })

  it("KP createOrder retried after a dropped connection returns the same order (identical body)", async () => {
    const { client } = makeClient()
    const { token, body } = await authorizedSession(client)
    await fault({ method: "POST", path: "/payments/v1/authorizations/*/order", drop_connection: "after" })

    const order = await client.createOrder(token, body)

    const attempts = (await requests()).filter((r) => r.path === `/payments/v1/authorizations/${token}/order`)
    expect(attempts).toHaveLength(2)
    expect(attempts[0].status).toBe(0) // dropped: the emulator created the order, the client never heard
    expect(attempts[1].status).toBe(200)
    expect(attempts[1].body).toEqual(attempts[0].body)
    // the order the first attempt created is the one returned
    const again = await client.createOrder(token, body)
    expect(again.order_id).toBe(order.order_id)
    expect((await ctl<{ order_id: string }>("GET", `/orders/${order.order_id}`)).order_id).toBe(order.order_id)
    // why the body must be identical: the token with another body is refused
    const other = await client.createOrder(token, { ...body, merchant_reference1: "changed" }).catch((e) => e)
    expect(other).toMatchObject({ kind: "http", status: 409 })
  })

  it("gives up after `retries` and reports network errors and timeouts distinctly", async () => {
    const { client, log } = makeClient({ retry: { retries: 2, minDelayMs: 5, maxDelayMs: 10 }, timeoutMs: 150 })
    const orderId = await placeOrder(client)

    await fault({ method: "GET", path: omPath(orderId), drop_connection: "before", count: 3 })
    const network = (await client.getOrder(orderId).catch((e) => e)) as KlarnaError
    expect(network).toMatchObject({ kind: "network", retryable: true, attempts: 3, networkCode: "ECONNRESET" })
    await ctl("DELETE", "/faults")

    await fault({ method: "GET", path: omPath(orderId), delay_ms: 400, count: 3 })
    const timeout = (await client.getOrder(orderId).catch((e) => e)) as KlarnaError
    expect(timeout).toMatchObject({ kind: "timeout", retryable: true, attempts: 3 })
    expect(log.filter((e) => e.error_kind === "timeout")).toHaveLength(3)
  })

  it("bounds the whole call by maxTotalMs: the last attempt's timeout is cut to what is left", async () => {
    const { client, log } = makeClient({
      timeoutMs: 400,
      retry: { retries: 5, minDelayMs: 5, maxDelayMs: 10, maxTotalMs: 1000 },
    })
    const orderId = await placeOrder(client)
    await fault({ method: "GET", path: omPath(orderId), delay_ms: 3000, persistent: true })

    const started = Date.now()
    const err = (await client.getOrder(orderId).catch((e) => e)) as KlarnaError
    const elapsed = Date.now() - started

    expect(err).toMatchObject({ kind: "timeout", retryable: true })
    expect(err.attempts).toBeGreaterThanOrEqual(3)
    expect(elapsed).toBeGreaterThanOrEqual(950)
    expect(elapsed).toBeLessThan(1150) // uncut, the third attempt alone would end near 1215 ms
    expect(log.filter((e) => e.operation === "getOrder").map((e) => e.error_kind)).toEqual(
      Array(err.attempts).fill("timeout")
    )
  })

  it("never retries 4xx other than 429 (404 NO_SUCH_ORDER)", async () => {
    const { client } = makeClient()
    const err = (await client.getOrder("no-such-order").catch((e) => e)) as KlarnaError
    expect(err).toMatchObject({ kind: "http", status: 404, errorCode: "NO_SUCH_ORDER", attempts: 1, retryable: false })
    expect((await requests()).filter((r) => r.path === omPath("no-such-order"))).toHaveLength(1)
  })
})

describe("secrets", () => {
  it("the password appears nowhere in errors, their JSON, String(), stack, inspection or the log", async () => {
    const consoleSpies = (["log", "info", "warn", "error", "debug"] as const).map((m) => jest.spyOn(console, m))
    const { client, log } = makeClient({ retry: { retries: 1, minDelayMs: 5, maxDelayMs: 10 }, timeoutMs: 150 })
    const orderId = await placeOrder(client)
    const errors: unknown[] = []
    const collect = (p: Promise<unknown>) =>
      p.then(
        () => errors.push(new Error("expected a failure")),
        (e) => errors.push(e)
      )

    await collect(client.createCapture(orderId, { captured_amount: 999999 }, { idempotencyKey: "k-403" })) // 403
    await fault({ method: "GET", path: omPath(orderId), status: 503, count: 2 })
    await collect(client.getOrder(orderId)) // 5xx after retry
    await fault({ method: "GET", path: omPath(orderId), drop_connection: "before", count: 2 })
    await collect(client.getOrder(orderId)) // network
    await fault({ method: "GET", path: omPath(orderId), delay_ms: 400, count: 2 })
    await collect(client.getOrder(orderId)) // timeout
    const wrong = makeClient({ password: PASSWORD + "-wrong" })
    await collect(wrong.client.getOrder(orderId)) // 401
    const refused = makeClient({ baseUrl: "http://127.0.0.1:1", retry: { retries: 0 } })
    await collect(refused.client.getOrder(orderId)) // ECONNREFUSED

    expect(errors.map((e) => (e as KlarnaError).kind)).toEqual([
      "http",
      "http",
      "network",
      "timeout",
      "http",
      "network",
    ])
    expect((errors[4] as KlarnaError).status).toBe(401)
    const secrets = [PASSWORD, BASIC, Buffer.from(`${USERNAME}:${PASSWORD}-wrong`).toString("base64")]
    for (const err of errors) {
      expect(isKlarnaError(err)).toBe(true)
      const e = err as KlarnaError
      const texts = [
        e.message,
        String(e),
        e.stack ?? "",
        JSON.stringify(e),
        inspect(e, { depth: null, showHidden: true }),
      ]
      for (const text of texts) for (const s of secrets) expect(text).not.toContain(s)
      expect("cause" in e).toBe(false)
    }
    const logged = JSON.stringify([...log, ...wrong.log, ...refused.log])
    expect(log.length).toBeGreaterThan(5)
    for (const s of secrets) expect(logged).not.toContain(s)
    for (const spy of consoleSpies) {
      for (const s of secrets) expect(JSON.stringify(spy.mock.calls)).not.toContain(s)
      spy.mockRestore()
    }
  })
})
