import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import type { KlarnaEmulator } from "../index"
import { type Api, controls, createSession, klarnaApi, orderPath, purchase, startTestEmulator } from "./helpers"

interface Received {
  path: string
  body: any
}

let emulator: KlarnaEmulator
let api: Api
let ctl: Api
let merchant: Server
let merchantUrl: string
let received: Received[] = []
/** Status codes the merchant answers with, in turn; 200 once exhausted. */
let answers: number[] = []

beforeAll(async () => {
  emulator = await startTestEmulator()
  api = klarnaApi(emulator.url)
  ctl = controls(emulator.url)
  merchant = createServer((req, res) => {
    let raw = ""
    req.on("data", (chunk) => (raw += chunk))
    req.on("end", () => {
      received.push({ path: req.url!, body: JSON.parse(raw) })
      res.writeHead(answers.shift() ?? 200).end()
    })
  })
  await new Promise<void>((resolve) => merchant.listen(0, "127.0.0.1", resolve))
  merchantUrl = `http://127.0.0.1:${(merchant.address() as AddressInfo).port}`
})
afterAll(async () => {
  await emulator.close()
  await new Promise((resolve) => merchant.close(resolve))
})
beforeEach(() => {
  received = []
  answers = []
})

const waitFor = async (predicate: () => boolean, timeoutMs = 2000) => {
  const until = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > until) throw new Error("timed out waiting")
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe("authorization callback", () => {
  it("POSTs {authorization_token, session_id} to merchant_urls.authorization with {session.id} filled in", async () => {
    const sessionId = await createSession(
      api,
      purchase({ merchant_urls: { authorization: `${merchantUrl}/klarna/authorization/{session.id}/s3cret` } })
    )
    const reply = await ctl("POST", `/sessions/${sessionId}/authorize`, {})
    expect(reply.body.approved).toBe(true)
    expect(reply.body.authorization_callback.status).toBe(200)
    expect(received).toEqual([
      {
        path: `/klarna/authorization/${sessionId}/s3cret`,
        body: { authorization_token: reply.body.authorization_token, session_id: sessionId },
      },
    ])
  })

  it("retries a failing callback up to 3 tries in total", async () => {
    answers = [500, 502, 503]
    const sessionId = await createSession(api, purchase({ merchant_urls: { authorization: `${merchantUrl}/auth` } }))
    const reply = await ctl("POST", `/sessions/${sessionId}/authorize`, {})
    expect(reply.body.authorization_callback.status).toBe(500)
    await waitFor(() => received.length === 3)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(received).toHaveLength(3)
    const attempts = (await ctl("GET", "/callbacks")).body.filter((c: any) => c.url === `${merchantUrl}/auth`)
    expect(attempts.map((c: any) => [c.attempt, c.status])).toEqual([
      [1, 500],
      [2, 502],
      [3, 503],
    ])
  })

  it("stops retrying once answered 2xx", async () => {
    answers = [503]
    const sessionId = await createSession(api, purchase({ merchant_urls: { authorization: `${merchantUrl}/once` } }))
    await ctl("POST", `/sessions/${sessionId}/authorize`, {})
    await waitFor(() => received.length === 2)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(received).toHaveLength(2)
  })

  it("sends nothing when the shopper declines", async () => {
    const sessionId = await createSession(api, purchase({ merchant_urls: { authorization: `${merchantUrl}/auth` } }))
    await ctl("POST", `/sessions/${sessionId}/authorize`, { approve: false })
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(received).toEqual([])
  })
})

describe("fraud notification", () => {
  async function pendingOrder() {
    const merchant_urls = { notification: `${merchantUrl}/klarna/push?order={checkout.order.id}&session={session.id}` }
    const sessionId = await createSession(api, purchase({ merchant_urls }))
    const token = (await ctl("POST", `/sessions/${sessionId}/authorize`, { fraud_status: "PENDING" })).body
      .authorization_token
    const order = await api("POST", `/payments/v1/authorizations/${token}/order`, purchase())
    expect(order.body.fraud_status).toBe("PENDING")
    return { orderId: order.body.order_id as string, sessionId }
  }

  it.each([
    ["ACCEPTED", "FRAUD_RISK_ACCEPTED", "ACCEPTED"],
    ["REJECTED", "FRAUD_RISK_REJECTED", "REJECTED"],
    ["STOPPED", "FRAUD_RISK_STOPPED", "REJECTED"],
  ])("%s sets the status and POSTs %s to merchant_urls.notification", async (requested, eventType, resulting) => {
    const { orderId, sessionId } = await pendingOrder()
    answers = [202]
    const reply = await ctl("POST", `/orders/${orderId}/fraud-status`, { fraud_status: requested })
    expect(reply.body).toMatchObject({ notified: true, status: 202 })
    expect(received).toEqual([
      {
        path: `/klarna/push?order=${orderId}&session=${sessionId}`,
        body: { order_id: orderId, event_type: eventType },
      },
    ])
    const order = (await api("GET", orderPath(orderId))).body
    expect(order.fraud_status).toBe(resulting)
    expect(order.status).toBe("AUTHORIZED") // a rejection cancels nothing by itself
  })

  it("reports notified: false when the order has no notification URL", async () => {
    const sessionId = await createSession(api)
    const token = (await ctl("POST", `/sessions/${sessionId}/authorize`, { fraud_status: "PENDING" })).body
      .authorization_token
    const orderId = (await api("POST", `/payments/v1/authorizations/${token}/order`, purchase())).body.order_id
    const reply = await ctl("POST", `/orders/${orderId}/fraud-status`, { fraud_status: "ACCEPTED" })
    expect(reply.body).toMatchObject({ notified: false, fraud_status: "ACCEPTED" })
    expect((await ctl("POST", `/orders/${orderId}/fraud-status`, { fraud_status: "MAYBE" })).status).toBe(400)
    expect((await ctl("POST", "/orders/nope/fraud-status", { fraud_status: "ACCEPTED" })).status).toBe(404)
  })
})

describe("redirect", () => {
  it("redirect_url leads to merchant_urls.confirmation with placeholders filled", async () => {
    const merchant_urls = { confirmation: "https://shop.example/confirm/{checkout.order.id}?sid={session.id}" }
    const sessionId = await createSession(api, purchase({ merchant_urls }))
    const token = (await ctl("POST", `/sessions/${sessionId}/authorize`, {})).body.authorization_token
    const order = await api("POST", `/payments/v1/authorizations/${token}/order`, purchase())
    const response = await fetch(order.body.redirect_url, { redirect: "manual" })
    expect(response.status).toBe(302)
    expect(response.headers.get("location")).toBe(
      `https://shop.example/confirm/${order.body.order_id}?sid=${sessionId}`
    )
  })
})
