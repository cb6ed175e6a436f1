import { type Reply, klarnaApi, MERCHANT_A, orderPath, placeOrder, purchase, useTestEmulator } from "./helpers"

const env = useTestEmulator()
const { api, ctl } = env
afterEach(() => ctl("DELETE", "/faults"))

const newOrder = async () => (await placeOrder(api, ctl)).orderId
const capturedAmount = async (orderId: string) => (await api("GET", orderPath(orderId))).body.captured_amount
const key = (value: string) => ({ "Klarna-Idempotency-Key": value })

describe("faults", () => {
  it("503 twice, then success: the faulted calls change nothing", async () => {
    const orderId = await newOrder()
    const fault = await ctl("POST", "/faults", {
      method: "POST",
      path: "/ordermanagement/v1/orders/*/captures",
      status: 503,
      count: 2,
    })
    expect(fault.status).toBe(200)
    expect(fault.body.id).toEqual(expect.any(String))
    const attempts: Reply[] = []
    for (let i = 0; i < 3; i++)
      attempts.push(await api("POST", orderPath(orderId, "/captures"), { captured_amount: 500 }, key("cap")))
    expect(attempts.map((a) => a.status)).toEqual([503, 503, 201])
    expect(attempts[0].body.error_code).toBe("TEMPORARILY_UNAVAILABLE")
    expect(attempts[0].headers.get("klarna-correlation-id")).toBe(attempts[0].body.correlation_id)
    expect(await capturedAmount(orderId)).toBe(500)
  })

  it("a fault matches only its method and path", async () => {
    const orderId = await newOrder()
    await ctl("POST", "/faults", { method: "POST", path: "/ordermanagement/v1/orders/*/captures", status: 500 })
    expect((await api("GET", orderPath(orderId, "/captures"))).status).toBe(200)
    expect((await api("POST", orderPath(orderId, "/refunds"), { refunded_amount: 1 })).status).toBe(403)
    expect((await api("POST", orderPath(orderId, "/captures"), { captured_amount: 1 })).status).toBe(500)
    expect((await api("POST", orderPath(orderId, "/captures"), { captured_amount: 1 })).status).toBe(201)
  })

  it("429 with Retry-After and rate-limit headers", async () => {
    await ctl("POST", "/faults", { path: "/payments/v1/sessions", status: 429, retry_after: 2 })
    const reply = await api("POST", "/payments/v1/sessions", purchase())
    expect(reply.status).toBe(429)
    expect(reply.body.error_code).toBe("TOO_MANY_REQUESTS")
    expect(reply.headers.get("retry-after")).toBe("2")
    expect(reply.headers.get("x-ratelimit-remaining")).toBe("0")
    expect((await api("POST", "/payments/v1/sessions", purchase())).status).toBe(200)
  })

  it("custom error_code, persistent faults until cleared", async () => {
    const orderId = await newOrder()
    await ctl("POST", "/faults", {
      path: orderPath(orderId),
      status: 500,
      error_code: "INTERNAL_SERVER_ERROR",
      persistent: true,
    })
    for (let i = 0; i < 3; i++)
      expect((await api("GET", orderPath(orderId))).body.error_code).toBe("INTERNAL_SERVER_ERROR")
    await ctl("DELETE", "/faults")
    expect((await api("GET", orderPath(orderId))).status).toBe(200)
  })

  it("drop before: the connection dies and nothing happens", async () => {
    const orderId = await newOrder()
    await ctl("POST", "/faults", { path: orderPath(orderId, "/captures"), drop_connection: "before" })
    await expect(
      api("POST", orderPath(orderId, "/captures"), { captured_amount: 700 }, key("drop-before"))
    ).rejects.toThrow()
    expect(await capturedAmount(orderId)).toBe(0)
  })

  it("drop after: applied and recorded, then the connection dies; the retry replays", async () => {
    const orderId = await newOrder()
    await ctl("POST", "/faults", { path: orderPath(orderId, "/captures"), drop_connection: "after" })
    await expect(
      api("POST", orderPath(orderId, "/captures"), { captured_amount: 700 }, key("drop-after"))
    ).rejects.toThrow()
    expect(await capturedAmount(orderId)).toBe(700)
    const retry = await api("POST", orderPath(orderId, "/captures"), { captured_amount: 700 }, key("drop-after"))
    expect(retry.status).toBe(201)
    expect(await capturedAmount(orderId)).toBe(700)
    const log = (await ctl("GET", `/requests?path_prefix=${orderPath(orderId, "/captures")}`)).body
    expect(log.map((r: any) => r.status)).toEqual([0, 201])
  })

  it("delay alone: latency, then normal processing", async () => {
    const orderId = await newOrder()
    await ctl("POST", "/faults", { path: orderPath(orderId), method: "GET", delay_ms: 150 })
    const started = Date.now()
    const reply = await api("GET", orderPath(orderId))
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    expect(reply.status).toBe(200)
    const quick = Date.now()
    await api("GET", orderPath(orderId))
    expect(Date.now() - quick).toBeLessThan(140)
  })

  it("delay after: the capture is applied before the answer, which comes late", async () => {
    const orderId = await newOrder()
    await ctl("POST", "/faults", { method: "POST", path: orderPath(orderId, "/captures"), delay_after_ms: 400 })
    const started = Date.now()
    const pending = api("POST", orderPath(orderId, "/captures"), { captured_amount: 300 }, key("late"))
    await new Promise((r) => setTimeout(r, 150))
    expect(await capturedAmount(orderId)).toBe(300)
    expect((await pending).status).toBe(201)
    expect(Date.now() - started).toBeGreaterThanOrEqual(390)
  })

  it("delay after, then drop: applied, and the caller never hears", async () => {
    const orderId = await newOrder()
    await ctl("POST", "/faults", {
      path: orderPath(orderId, "/captures"),
      delay_after_ms: 50,
      drop_connection: "after",
    })
    await expect(
      api("POST", orderPath(orderId, "/captures"), { captured_amount: 200 }, key("late-drop"))
    ).rejects.toThrow()
    expect(await capturedAmount(orderId)).toBe(200)
  })

  it("skip: the first matching calls pass, the next one is faulted", async () => {
    const orderId = await newOrder()
    await ctl("POST", "/faults", { method: "GET", path: orderPath(orderId), status: 500, skip: 2 })
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) statuses.push((await api("GET", orderPath(orderId))).status)
    expect(statuses).toEqual([200, 200, 500, 200])
  })

  it("one fault removed by its id, the others stay", async () => {
    const orderId = await newOrder()
    const first = await ctl("POST", "/faults", {
      method: "GET",
      path: orderPath(orderId),
      status: 500,
      persistent: true,
    })
    await ctl("POST", "/faults", {
      method: "GET",
      path: orderPath(orderId, "/captures"),
      status: 502,
      persistent: true,
    })
    expect((await ctl("DELETE", `/faults/${first.body.id}`)).status).toBe(204)
    expect((await api("GET", orderPath(orderId))).status).toBe(200)
    expect((await api("GET", orderPath(orderId, "/captures"))).status).toBe(502)
  })

  it("refuses malformed faults", async () => {
    expect((await ctl("POST", "/faults", { path: "/x", status: 500, skip: -1 })).status).toBe(400)
    expect((await ctl("POST", "/faults", { path: "/x", status: 503, delay_after_ms: 10 })).status).toBe(400)
    expect((await ctl("POST", "/faults", { path: "/x", drop_connection: "before", delay_after_ms: 10 })).status).toBe(
      400
    )
    expect((await ctl("POST", "/faults", { path: "/x", delay_after_ms: -1 })).status).toBe(400)
    expect((await ctl("POST", "/faults", { status: 503 })).status).toBe(400)
    expect((await ctl("POST", "/faults", { path: "/x", drop_connection: "sideways" })).status).toBe(400)
    expect((await ctl("POST", "/faults", { path: "/x" })).status).toBe(400)
  })
})

describe("request log", () => {
  it("records every API request in order, with the username and never the password", async () => {
    await ctl("DELETE", "/requests")
    const orderId = await newOrder()
    await api("POST", orderPath(orderId, "/captures"), { captured_amount: 100 }, key("logged"))
    const wrong = klarnaApi(env.emulator.url, { username: "merchant_a", password: "wrong-password" })
    await wrong("GET", orderPath(orderId))
    const log = (await ctl("GET", "/requests")).body
    expect(log.map((r: any) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      "POST /payments/v1/sessions 200",
      expect.stringMatching(/^POST \/payments\/v1\/authorizations\/.+\/order 200$/),
      `POST ${orderPath(orderId, "/captures")} 201`,
      `GET ${orderPath(orderId)} 401`,
    ])
    const capture = log[2]
    expect(capture).toMatchObject({ username: "merchant_a", body: { captured_amount: 100 }, query: {} })
    expect(capture.remote_port).toEqual(expect.any(Number))
    expect(capture.headers.authorization).toBe("[REDACTED]")
    expect(capture.headers["klarna-idempotency-key"]).toBe("logged")
    expect(Date.parse(capture.at)).not.toBeNaN()
    const serialized = JSON.stringify(log)
    expect(serialized).not.toContain(MERCHANT_A.password)
    expect(serialized).not.toContain("wrong-password")
    expect(serialized).not.toContain(Buffer.from(`${MERCHANT_A.username}:${MERCHANT_A.password}`).toString("base64"))
    // controls are not logged
    expect(log.some((r: any) => r.path.startsWith("/__emulator"))).toBe(false)
  })

  it("filters by path_prefix and clears", async () => {
    await placeOrder(api, ctl)
    const sessions = (await ctl("GET", "/requests?path_prefix=/payments/v1/sessions")).body
    expect(sessions.length).toBeGreaterThan(0)
    expect(sessions.every((r: any) => r.path.startsWith("/payments/v1/sessions"))).toBe(true)
    expect((await ctl("DELETE", "/requests")).status).toBe(204)
    expect((await ctl("GET", "/requests")).body).toEqual([])
  })

  it("reset clears everything", async () => {
    const orderId = await newOrder()
    expect((await ctl("POST", "/reset")).status).toBe(204)
    expect((await api("GET", orderPath(orderId))).status).toBe(404)
    expect((await ctl("GET", "/requests")).body.map((r: any) => r.path)).toEqual([orderPath(orderId)])
  })
})
