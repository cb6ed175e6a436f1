import { readFileSync } from "node:fs"
import { join } from "node:path"
import { inspect } from "node:util"
import { KLARNA_PLUGIN_USER_AGENT, KlarnaClient } from "../index"

const PASSWORD = "unit-pw-31337"

describe("KlarnaClient (no network)", () => {
  let client: KlarnaClient
  beforeEach(() => {
    // port 9 (discard): nothing here may actually send a request
    client = new KlarnaClient({ username: "u", password: PASSWORD, baseUrl: "http://127.0.0.1:9", retry: { retries: 0 } })
  })
  afterEach(() => client.close())

  it("resolves its base URL from region/environment", () => {
    const c = new KlarnaClient({ username: "u", password: "p", region: "na", environment: "production" })
    expect(c.baseUrl).toBe("https://api-na.klarna.com")
    c.close()
  })

  it("validates its options, naming the bad one", () => {
    expect(() => new KlarnaClient({ username: "", password: "p" })).toThrow(/username/)
    expect(() => new KlarnaClient({ username: "u", password: "" })).toThrow(/password/)
    expect(() => new KlarnaClient({ username: "u", password: "p", timeoutMs: 0 })).toThrow(/timeoutMs/)
    expect(() => new KlarnaClient({ username: "u", password: "p", maxSockets: 0 })).toThrow(/maxSockets/)
    expect(() => new KlarnaClient({ username: "u", password: "p", region: "xx" as never })).toThrow(/region/)
    expect(() => new KlarnaClient({ username: "u", password: "p", retry: { retries: -1 } })).toThrow(/retries/)
  })

  it("requires an idempotency key on every OM change, rejecting (not throwing)", async () => {
    const calls: Array<[string, () => Promise<unknown>]> = [
      ["createCapture", () => client.createCapture("o", { captured_amount: 1 }, {} as never)],
      ["createRefund", () => client.createRefund("o", { refunded_amount: 1 }, { idempotencyKey: "" })],
      ["cancelOrder", () => client.cancelOrder("o", undefined as never)],
      ["releaseRemainingAuthorization", () => client.releaseRemainingAuthorization("o", {} as never)],
      ["extendAuthorizationTime", () => client.extendAuthorizationTime("o", {} as never)],
      ["updateAuthorization", () => client.updateAuthorization("o", { order_amount: 1 }, {} as never)],
      ["updateMerchantReferences", () => client.updateMerchantReferences("o", {}, {} as never)],
      ["updateCustomerDetails", () => client.updateCustomerDetails("o", {}, {} as never)],
      ["acknowledgeOrder", () => client.acknowledgeOrder("o", {} as never)],
      ["addOrderShippingInfo", () => client.addOrderShippingInfo("o", { shipping_info: [] }, {} as never)],
      ["addCaptureShippingInfo", () => client.addCaptureShippingInfo("o", "c", { shipping_info: [] }, {} as never)],
      ["extendDueDate", () => client.extendDueDate("o", "c", { number_of_days: 7 }, {} as never)],
      ["triggerSendOut", () => client.triggerSendOut("o", "c", {} as never)],
    ]
    for (const [, call] of calls) {
      let p: Promise<unknown> | undefined
      expect(() => {
        p = call()
      }).not.toThrow()
      await expect(p).rejects.toThrow(/idempotencyKey/)
    }
  })

  it("rejects empty path ids", async () => {
    await expect(client.getOrder("")).rejects.toThrow(/orderId/)
    await expect(client.getCapture("o", "")).rejects.toThrow(/captureId/)
    await expect(client.createOrder("", {} as never)).rejects.toThrow(/authorizationToken/)
    await expect(client.getSession(undefined as never)).rejects.toThrow(/sessionId/)
  })

  it("does not show credentials when inspected or serialized", () => {
    const b64 = Buffer.from(`u:${PASSWORD}`).toString("base64")
    for (const text of [inspect(client, { depth: 10, showHidden: false }), JSON.stringify(client), String(Object.keys(client))]) {
      expect(text).not.toContain(PASSWORD)
      expect(text).not.toContain(b64)
    }
  })
})

describe("KLARNA_PLUGIN_USER_AGENT", () => {
  it("names the plugin, its package.json version and node", () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, "../../../../package.json"), "utf8"))
    expect(KLARNA_PLUGIN_USER_AGENT).toBe(`medusa-plugin-klarna/${pkg.version} node/${process.versions.node}`)
  })
})
