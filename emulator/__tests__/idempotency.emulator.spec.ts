import { expectKlarnaError, klarnaApi, MERCHANT_B, orderPath, placeOrder, useTestEmulator } from "./helpers"

const env = useTestEmulator()
const { api, ctl } = env

const key = (value: string) => ({ "Klarna-Idempotency-Key": value })
const newOrder = async () => (await placeOrder(api, ctl)).orderId
const getOrder = async (orderId: string) => (await api("GET", orderPath(orderId))).body

describe("Klarna-Idempotency-Key", () => {
  it("replays the first response for the same key, whatever the body, with one effect", async () => {
    const orderId = await newOrder()
    const first = await api("POST", orderPath(orderId, "/captures"), { captured_amount: 1000 }, key("k-1"))
    const second = await api(
      "POST",
      orderPath(orderId, "/captures"),
      { captured_amount: 500, description: "other" },
      key("k-1")
    )
    expect(first.status).toBe(201)
    expect(second.status).toBe(201)
    expect(second.headers.get("capture-id")).toBe(first.headers.get("capture-id"))
    expect(second.headers.get("location")).toBe(first.headers.get("location"))
    const order = await getOrder(orderId)
    expect(order.captured_amount).toBe(1000)
    expect(order.captures).toHaveLength(1)
  })

  it("different keys make different captures; no key means no replay", async () => {
    const orderId = await newOrder()
    await api("POST", orderPath(orderId, "/captures"), { captured_amount: 100 }, key("a"))
    await api("POST", orderPath(orderId, "/captures"), { captured_amount: 100 }, key("b"))
    await api("POST", orderPath(orderId, "/captures"), { captured_amount: 100 })
    await api("POST", orderPath(orderId, "/captures"), { captured_amount: 100 })
    expect((await getOrder(orderId)).captured_amount).toBe(400)
  })

  it("replays no-body answers too (refund, cancel) without repeating them", async () => {
    const orderId = await newOrder()
    await api("POST", orderPath(orderId, "/captures"), { captured_amount: 1000 })
    const r1 = await api("POST", orderPath(orderId, "/refunds"), { refunded_amount: 300 }, key("refund-1"))
    const r2 = await api("POST", orderPath(orderId, "/refunds"), { refunded_amount: 300 }, key("refund-1"))
    expect(r2.headers.get("refund-id")).toBe(r1.headers.get("refund-id"))
    expect((await getOrder(orderId)).refunded_amount).toBe(300)

    const other = await newOrder()
    expect((await api("POST", orderPath(other, "/cancel"), undefined, key("cancel-1"))).status).toBe(204)
    expect((await api("POST", orderPath(other, "/cancel"), undefined, key("cancel-1"))).status).toBe(204)
    expectKlarnaError(
      await api("POST", orderPath(other, "/cancel"), undefined, key("cancel-2")),
      403,
      "CANCEL_NOT_ALLOWED"
    )
  })

  it("does not remember refusals: a retry with the same key is evaluated again", async () => {
    const orderId = await newOrder()
    await ctl("POST", `/orders/${orderId}/expire`, { in_days: 0.0000001 })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expectKlarnaError(
      await api("POST", orderPath(orderId, "/captures"), { captured_amount: 500 }, key("retry-me")),
      403,
      "CAPTURE_NOT_ALLOWED"
    )
    await ctl("POST", `/orders/${orderId}/expire`, { in_days: 10 })
    const retry = await api("POST", orderPath(orderId, "/captures"), { captured_amount: 500 }, key("retry-me"))
    expect(retry.status).toBe(201)
    expect((await getOrder(orderId)).captured_amount).toBe(500)
  })

  it("keys are per merchant", async () => {
    const other = klarnaApi(env.emulator.url, MERCHANT_B)
    const mine = await newOrder()
    const theirs = (await placeOrder(other, ctl)).orderId
    await api("POST", orderPath(mine, "/captures"), { captured_amount: 100 }, key("shared"))
    const reply = await other("POST", orderPath(theirs, "/captures"), { captured_amount: 200 }, key("shared"))
    expect(reply.status).toBe(201)
    expect((await other("GET", orderPath(theirs))).body.captured_amount).toBe(200)
  })
})

describe("concurrency", () => {
  it("50 parallel captures with distinct keys never exceed the authorization", async () => {
    const orderId = await newOrder() // 2200
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api("POST", orderPath(orderId, "/captures"), { captured_amount: 100 }, key(`distinct-${i}`))
      )
    )
    expect(replies.filter((r) => r.status === 201)).toHaveLength(22)
    expect(replies.filter((r) => r.status === 403 && r.body.error_code === "CAPTURE_NOT_ALLOWED")).toHaveLength(28)
    const order = await getOrder(orderId)
    expect(order).toMatchObject({ captured_amount: 2200, remaining_authorized_amount: 0, status: "CAPTURED" })
    expect(order.captures).toHaveLength(22)
  })

  it("50 parallel captures with one key make exactly one capture", async () => {
    const orderId = await newOrder()
    const replies = await Promise.all(
      Array.from({ length: 50 }, () =>
        api("POST", orderPath(orderId, "/captures"), { captured_amount: 100 }, key("one-key"))
      )
    )
    expect(replies.every((r) => r.status === 201)).toBe(true)
    expect(new Set(replies.map((r) => r.headers.get("capture-id"))).size).toBe(1)
    const order = await getOrder(orderId)
    expect(order.captures).toHaveLength(1)
    expect(order.captured_amount).toBe(100)
  })

  it("50 parallel captures with one key behind a delay fault still make one capture", async () => {
    const orderId = await newOrder()
    await ctl("POST", "/faults", { path: orderPath(orderId, "/captures"), delay_ms: 30, count: 25 })
    const replies = await Promise.all(
      Array.from({ length: 50 }, () =>
        api("POST", orderPath(orderId, "/captures"), { captured_amount: 100 }, key("slow-key"))
      )
    )
    expect(replies.every((r) => r.status === 201)).toBe(true)
    expect((await getOrder(orderId)).captures).toHaveLength(1)
    await ctl("DELETE", "/faults")
  })
})
