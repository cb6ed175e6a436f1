import { readFileSync } from "node:fs"
import { join } from "node:path"
import { inspect } from "node:util"
import { isKlarnaError, isPlainKlarnaId, KLARNA_PLUGIN_USER_AGENT, KlarnaClient, type KlarnaError } from "../index"

const PASSWORD = "unit-pw-31337"

describe("KlarnaClient (no network)", () => {
  let client: KlarnaClient
  beforeEach(() => {
    // port 9 (discard): nothing here may actually send a request
    client = new KlarnaClient({
      username: "u",
      password: PASSWORD,
      baseUrl: "http://127.0.0.1:9",
      retry: { retries: 0 },
    })
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
      ["updateMerchantReferences", () => client.updateMerchantReferences("o", {}, {} as never)],
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

  it("refuses a path id that is not a plain Klarna id, before any request, with a non-retryable KlarnaError", async () => {
    const bad = [
      "..",
      ".",
      "...",
      "a/b",
      "%2e%2e",
      "%2E",
      "a\u0000b",
      "a b",
      "a?x=1",
      "a#f",
      "a\\b",
      "x".repeat(1025),
      "é",
      "\n",
      42,
      null,
    ]
    // ids of every type on purpose: the client must refuse them before anything is sent
    const calls = (id: string): Array<() => Promise<unknown>> => [
      () => client.getOrder(id),
      () => client.listCaptures(id),
      () => client.getCapture("order-1", id),
      () => client.getExtendDueDateOptions("order-1", id),
      () => client.addCaptureShippingInfo("order-1", id, { shipping_info: [] }, { idempotencyKey: "k" }),
      () => client.extendDueDate(id, "cap-1", { number_of_days: 14 }, { idempotencyKey: "k" }),
      () => client.triggerSendOut("order-1", id, { idempotencyKey: "k" }),
      () => client.createCapture(id, { captured_amount: 1 }, { idempotencyKey: "k" }),
      () => client.cancelOrder(id, { idempotencyKey: "k" }),
      () => client.getSession(id),
      () => client.createOrder(id, {} as never),
    ]
    for (const id of bad) {
      for (const call of calls(id as string)) {
        let p: Promise<unknown> | undefined
        expect(() => {
          p = call()
        }).not.toThrow()
        const e: KlarnaError = await p!.then(
          () => undefined,
          (err) => err
        )
        expect(isKlarnaError(e)).toBe(true)
        expect(e).toMatchObject({ kind: "invalid_request", retryable: false, attempts: 0 })
        expect(e.status).toBeUndefined()
        expect(e.message).toMatch(/nothing was sent to Klarna/)
      }
    }
  })

  it("accepts Klarna's ids as they are (UUIDs, tokens of unreserved characters)", () => {
    for (const id of ["0b1d9815-165e-42e2-8867-35bc03789e00", "a..b", "tok_ABC-123.x~y", "x".repeat(1024)]) {
      expect(isPlainKlarnaId(id)).toBe(true)
    }
    for (const id of ["", ".", "..", "a/b", "a%2e", "a\u0000"]) expect(isPlainKlarnaId(id)).toBe(false)
  })

  it("does not show credentials when inspected or serialized", () => {
    const b64 = Buffer.from(`u:${PASSWORD}`).toString("base64")
    for (const text of [
      inspect(client, { depth: 10, showHidden: false }),
      JSON.stringify(client),
      String(Object.keys(client)),
    ]) {
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
