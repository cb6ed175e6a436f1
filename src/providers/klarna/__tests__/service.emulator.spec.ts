import type { Logger } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { startKlarnaEmulator, type KlarnaEmulator } from "../../../../emulator"
import { controls, klarnaApi, purchase, type Api } from "../../../../emulator/__tests__/helpers"
import type { OmCapture, OmRefund, OrderLine } from "../../../lib/klarna/types"
import type { KlarnaCartSnapshot } from "../session-data"
import { KlarnaProviderService } from "../service"
import type { KlarnaPaymentData } from "../session-data"

/**
 * The real provider class, constructed as Medusa's payment module does it (a cradle and the
 * options from medusa-config), its Klarna client talking HTTP to the emulator.
 */

const USERNAME = "provider_spec_user"
const PASSWORD = "provider-spec-Pw!9c1d"
const BASIC = Buffer.from(`${USERNAME}:${PASSWORD}`).toString("base64")

let emulator: KlarnaEmulator
let api: Api
let ctl: Api

beforeAll(async () => {
  emulator = await startKlarnaEmulator({ port: 0, username: USERNAME, password: PASSWORD, callbackBackoffMs: 20 })
  api = klarnaApi(emulator.url, { username: USERNAME, password: PASSWORD })
  ctl = controls(emulator.url)
})
afterAll(() => emulator.close())

const options = () => ({
  username: USERNAME,
  password: PASSWORD,
  base_url: emulator.url,
  // nothing listens there: the emulator's authorization callbacks fail fast, the provider is called directly
  callback_base_url: "http://127.0.0.1:9",
  max_retries: 0,
})

/** What Medusa's logger is to the provider; records debug lines. */
function recordingLogger(debugEnabled = true) {
  const lines: string[] = []
  const record = (message: unknown) => lines.push(String(message))
  const logger = {
    shouldLog: (level: string) => debugEnabled && ["debug", "info", "warn", "error"].includes(level),
    debug: record,
    info: record,
    warn: record,
    error: record,
  } as unknown as Logger
  return { logger, lines }
}

/**
 * The payment module's own services, as far as the provider reads them from its cradle: Medusa's
 * capture and refund rows (committed before Medusa calls the provider), with exact amounts.
 */
function paymentRows(paymentAmount: string) {
  const payment = { id: "pay_1", raw_amount: { value: paymentAmount, precision: 20 } }
  const captures: { id: string; payment_id: string; raw_amount: { value: string } }[] = []
  const refunds: { id: string; payment_id: string; raw_amount: { value: string }; created_at: Date }[] = []
  const cradle = {
    captureService: {
      retrieve: async (id: string) => captures.find((c) => c.id === id) ?? Promise.reject(new Error("not found")),
    },
    refundService: {
      retrieve: async (id: string) => refunds.find((r) => r.id === id) ?? Promise.reject(new Error("not found")),
    },
    paymentService: { retrieve: async () => ({ ...payment, captures, refunds }) },
  }
  return {
    cradle,
    capture(id: string, amount: string) {
      captures.push({ id, payment_id: payment.id, raw_amount: { value: amount } })
    },
    refund(id: string, amount: string) {
      refunds.push({
        id,
        payment_id: payment.id,
        raw_amount: { value: amount },
        created_at: new Date(Date.now() + refunds.length),
      })
    },
  }
}

const provider = (cradle: Record<string, unknown> = {}) => new KlarnaProviderService(cradle, options())

/** The cart as the store middleware attaches it: 22.00 SEK (2 × 10.00 + 5.00 shipping − 3.00), 25 % VAT. */
function attachedCart(cartId = "cart_1"): KlarnaCartSnapshot {
  const p = purchase()
  return {
    cart_id: cartId,
    purchase_country: p.purchase_country,
    purchase_currency: p.purchase_currency,
    order_amount: p.order_amount,
    order_tax_amount: p.order_tax_amount,
    order_lines: p.order_lines as KlarnaCartSnapshot["order_lines"],
  }
}

let sessionSeq = 0
const nextSessionId = () => `payses_spec_${++sessionSeq}`

async function initiated(service: KlarnaProviderService, cart = attachedCart()) {
  const session_id = nextSessionId()
  const out = await service.initiatePayment({
    amount: 22,
    currency_code: "sek",
    data: { session_id, klarna_cart: cart },
  })
  return { session_id, data: out.data as KlarnaPaymentData, id: out.id }
}

async function shopperApproves(klarnaSessionId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const reply = await ctl("POST", `/sessions/${klarnaSessionId}/authorize`, { approve: true, ...extra })
  return reply.body.authorization_token
}

/** initiate → shopper approves → authorize: a Klarna order. */
async function authorized(service: KlarnaProviderService, fraud_status?: string) {
  const { session_id, data } = await initiated(service)
  const token = await shopperApproves(data.klarna_session_id!, fraud_status ? { fraud_status } : {})
  const out = await service.authorizePayment({
    data: { ...data, authorization_token: token },
    context: { idempotency_key: session_id },
  })
  return { session_id, status: out.status, data: out.data as KlarnaPaymentData }
}

const omOrder = async (orderId: string) => (await api("GET", `/ordermanagement/v1/orders/${orderId}`)).body
const requestsTo = async (prefix: string) =>
  (await ctl("GET", `/requests?path_prefix=${encodeURIComponent(prefix)}`)).body as {
    method: string
    path: string
    status: number
  }[]
const omCalls = async (orderId: string) =>
  (await requestsTo(`/ordermanagement/v1/orders/${orderId}`))
    .filter((r) => r.method !== "GET")
    .map((r) => `${r.method} ${r.path.replace(`/ordermanagement/v1/orders/${orderId}`, "")}`)

const rejection = async (p: Promise<unknown>): Promise<MedusaError> => {
  const e = await p.then(
    () => undefined,
    (err) => err
  )
  if (!e) throw new Error("expected the call to be refused")
  return e
}

describe("validateOptions / constructor", () => {
  it("accepts complete options and refuses bad ones naming the option, never echoing the password", () => {
    expect(() => KlarnaProviderService.validateOptions(options())).not.toThrow()
    const e = (() => {
      try {
        KlarnaProviderService.validateOptions({ ...options(), region: "mars" })
      } catch (err) {
        return err as Error
      }
    })()
    expect(e?.message).toMatch(/option "region"/)
    expect(e?.message).not.toContain(PASSWORD)
    expect(() => new KlarnaProviderService({}, { ...options(), colour: "red" })).toThrow(/unknown option\(s\) colour/)
  })

  it("is registered under the identifier Medusa builds the provider id from", () => {
    expect(KlarnaProviderService.identifier).toBe("klarna")
  })
})

describe("initiatePayment", () => {
  it("creates a KP session with the attached cart's lines and the callback URLs of this session", async () => {
    const service = provider()
    const { session_id, data, id } = await initiated(service)
    expect(id).toBe(data.klarna_session_id)
    expect(data.client_token).toEqual(expect.any(String))
    const session = (await api("GET", `/payments/v1/sessions/${data.klarna_session_id}`)).body
    const cart = attachedCart()
    expect(session).toMatchObject({
      purchase_country: "SE",
      purchase_currency: "SEK",
      order_amount: 2200,
      order_tax_amount: 440,
      order_lines: cart.order_lines,
    })
    const internal = (await ctl("GET", `/sessions/${data.klarna_session_id}`)).body
    const urls = internal.merchant_urls ?? internal.data?.merchant_urls
    // no secret in the URL (Medusa logs every URL): the callback is verified against Klarna's session
    expect(urls.authorization).toBe(`http://127.0.0.1:9/klarna/callbacks/authorization/${session_id}`)
    expect(urls.notification).toBe(`http://127.0.0.1:9/klarna/callbacks/notification/${session_id}`)
  })

  it("refuses a payment amount that is not the cart's Klarna total, before calling Klarna", async () => {
    const before = (await requestsTo("/payments/v1/sessions")).length
    const e = await rejection(
      provider().initiatePayment({
        amount: 21.99,
        currency_code: "sek",
        data: { session_id: nextSessionId(), klarna_cart: attachedCart() },
      })
    )
    expect(e.type).toBe(MedusaError.Types.INVALID_DATA)
    expect(e.message).toContain("add up to 2200 but the payment is 2199")
    expect((await requestsTo("/payments/v1/sessions")).length).toBe(before)
  })

  it("refuses a session without the attached cart (the browser's data never reaches Klarna)", async () => {
    const e = await rejection(
      provider().initiatePayment({ amount: 22, currency_code: "sek", data: { order_lines: [] } })
    )
    expect(e.type).toBe(MedusaError.Types.INVALID_DATA)
    expect(e.message).toMatch(/carry the cart's lines/)
  })
})

describe("authorizePayment", () => {
  it("turns the shopper's token into a Klarna order with the cart's lines and the session as reference", async () => {
    const service = provider()
    const { session_id, status, data } = await authorized(service)
    expect(status).toBe("authorized")
    expect(data).toMatchObject({ fraud_status: "ACCEPTED", order_amount: 2200, currency_code: "SEK" })
    expect(data.klarna_cart).toBeUndefined()
    const order = await omOrder(data.order_id!)
    expect(order).toMatchObject({
      order_amount: 2200,
      merchant_reference1: "cart_1",
      merchant_reference2: session_id,
      order_lines: attachedCart().order_lines.map((l) =>
        expect.objectContaining({ name: l.name, total_amount: l.total_amount })
      ),
    })
  })

  it("a retry with the order already placed reads Klarna and creates no second order", async () => {
    const service = provider()
    const { session_id, data } = await authorized(service)
    const tokenPath = "/payments/v1/authorizations/"
    const creates = (await requestsTo(tokenPath)).length
    const again = await service.authorizePayment({ data: { ...data }, context: { idempotency_key: session_id } })
    expect(again.status).toBe("authorized")
    expect((again.data as KlarnaPaymentData).order_id).toBe(data.order_id)
    expect((await requestsTo(tokenPath)).length).toBe(creates)
  })

  it("refuses an order whose amount is not the payment's, or that belongs to another session", async () => {
    const service = provider()
    const { session_id, data } = await authorized(service)
    const tampered = await rejection(
      service.authorizePayment({ data: { ...data, order_amount: 2100 }, context: { idempotency_key: session_id } })
    )
    expect(tampered.type).toBe(MedusaError.Types.NOT_ALLOWED)
    expect(tampered.message).toMatch(/order amount does not match the payment amount/)
    const foreign = await rejection(service.authorizePayment({ data: { ...data, session_id: "payses_other" } }))
    expect(foreign.message).toMatch(/does not belong to this payment session/)
  })

  it("a cart whose amount changed after the shopper authorized is refused by Klarna and places no order", async () => {
    const service = provider()
    const { data } = await initiated(service)
    const token = await shopperApproves(data.klarna_session_id!)
    const changed = attachedCart()
    changed.order_amount = 2300
    changed.order_tax_amount = 460
    changed.order_lines = changed.order_lines.map((l) =>
      l.type === "shipping_fee" ? { ...l, unit_price: 600, total_amount: 600, total_tax_amount: 120 } : l
    )
    const e = await rejection(
      service.authorizePayment({ data: { ...data, klarna_cart: changed, authorization_token: token } })
    )
    expect(e).toBeInstanceOf(MedusaError)
    expect(e.message).toMatch(/Klarna refused createOrder HTTP 409 BAD_VALUE/)
    expect((await requestsTo(`/payments/v1/authorizations/${token}/order`)).map((r) => r.status)).toEqual([409])
    // the token placed nothing: the cart as authorized still places its order with it
    const placed = await service.authorizePayment({ data: { ...data, authorization_token: token } })
    expect(placed.status).toBe("authorized")
  })

  it("no token yet → requires_more; a token that is not the session's → error, token dropped", async () => {
    const service = provider()
    const { data } = await initiated(service)
    expect((await service.authorizePayment({ data })).status).toBe("requires_more")
    await shopperApproves(data.klarna_session_id!)
    const out = await service.authorizePayment({ data: { ...data, authorization_token: "not-this-sessions-token" } })
    expect(out.status).toBe("error")
    expect((out.data as KlarnaPaymentData).authorization_token).toBeUndefined()
  })

  it("a pending fraud decision leaves the payment pending_authorization", async () => {
    const { status, data } = await authorized(provider(), "PENDING")
    expect(status).toBe("pending_authorization")
    expect(data.fraud_status).toBe("PENDING")
  })
})

describe("getPaymentStatus (status mapping)", () => {
  it("follows Klarna: requires_more, pending, authorized, captured, canceled", async () => {
    const service = provider()
    const status = async (data: Record<string, unknown>) => (await service.getPaymentStatus({ data })).status
    expect(await status({ klarna_session_id: "s" })).toBe("requires_more")
    expect(await status({ klarna_session_id: "s", authorization_token: "t" })).toBe("pending")

    const { data } = await authorized(service)
    expect(await status(data)).toBe("authorized")
    await service.capturePayment({ data })
    expect(await status(data)).toBe("captured")

    const second = await authorized(service)
    await service.cancelPayment({ data: second.data })
    expect(await status(second.data)).toBe("canceled")
  })
})

describe("capturePayment (Medusa's Capture button)", () => {
  it("without Medusa's capture row: captures what remains, once per Medusa capture id", async () => {
    const service = provider()
    const { data } = await authorized(service)
    const out = await service.capturePayment({ data, context: { idempotency_key: "capt_1" } })
    expect(await omOrder(data.order_id!)).toMatchObject({ captured_amount: 2200, remaining_authorized_amount: 0 })
    expect((out.data as KlarnaPaymentData).order_id).toBe(data.order_id)
    // Medusa retries the same capture: the same key, Klarna applies it once
    await service.capturePayment({ data, context: { idempotency_key: "capt_1" } })
    expect(await omCalls(data.order_id!)).toEqual(["POST /captures"])
  })

  it("captures the amount of Medusa's capture row, and all that remains when it completes the payment", async () => {
    const rows = paymentRows("22")
    const service = provider(rows.cradle)
    const { data } = await authorized(service)
    rows.capture("capt_a", "7.005")
    await service.capturePayment({ data, context: { idempotency_key: "capt_a" } })
    expect((await omOrder(data.order_id!)).captured_amount).toBe(701)
    rows.capture("capt_b", "14.995")
    await service.capturePayment({ data, context: { idempotency_key: "capt_b" } })
    const order = await omOrder(data.order_id!)
    expect(order).toMatchObject({ captured_amount: 2200, remaining_authorized_amount: 0, status: "CAPTURED" })
    expect(order.captures.map((c: OmCapture) => c.captured_amount)).toEqual([701, 1499])
  })

  it("refuses to complete the payment by taking more than rounding beyond it (Klarna holds more than the order)", async () => {
    const rows = paymentRows("20")
    const service = provider(rows.cradle)
    const { data } = await authorized(service) // Klarna authorized 22.00, the Medusa payment is 20.00
    rows.capture("capt_all", "20")
    const e = await rejection(service.capturePayment({ data, context: { idempotency_key: "capt_all" } }))
    expect(e.type).toBe(MedusaError.Types.NOT_ALLOWED)
    expect(e.message).toMatch(
      /CAPTURE_EXCEEDS_PLAN: Klarna still holds 22\.00 SEK but this capture completes the payment at 20\.00 SEK/
    )
    expect(await omCalls(data.order_id!)).toEqual([])
    // within rounding it takes Klarna's exact remainder
    const close = paymentRows("21.98")
    const other = provider(close.cradle)
    const placed = await authorized(other)
    close.capture("capt_close", "21.98")
    await other.capturePayment({ data: placed.data, context: { idempotency_key: "capt_close" } })
    expect(await omOrder(placed.data.order_id!)).toMatchObject({ captured_amount: 2200, status: "CAPTURED" })
  })

  it("makes no capture call when nothing remains, and refuses a payment without a Klarna order", async () => {
    const service = provider()
    const { data } = await authorized(service)
    await service.capturePayment({ data })
    await service.capturePayment({ data })
    expect(await omCalls(data.order_id!)).toEqual(["POST /captures"])
    const e = await rejection(service.capturePayment({ data: { klarna_session_id: "s" } }))
    expect(e.type).toBe(MedusaError.Types.INVALID_DATA)
  })
})

describe("refundPayment", () => {
  it("keeps Klarna's refunded amount the exact Σ of Medusa's refunds, rounded once", async () => {
    const rows = paymentRows("22")
    const service = provider(rows.cradle)
    const { data } = await authorized(service)
    await service.capturePayment({ data })
    for (const id of ["ref_1", "ref_2", "ref_3"]) {
      rows.refund(id, "3.333")
      await service.refundPayment({ amount: "3.333", data, context: { idempotency_key: id } })
    }
    const order = await omOrder(data.order_id!)
    // each rounded on its own would be 333 × 3 = 999; Σ 9.999 rounds to 1000
    expect(order.refunds.map((r: OmRefund) => r.refunded_amount)).toEqual([333, 334, 333])
    expect(order.refunded_amount).toBe(1000)
  })

  it("two equal refunds are two refunds; a retry of one is the same one", async () => {
    const rows = paymentRows("22")
    const service = provider(rows.cradle)
    const { data } = await authorized(service)
    await service.capturePayment({ data })
    rows.refund("ref_a", "5")
    await service.refundPayment({ amount: 5, data, context: { idempotency_key: "ref_a" } })
    rows.refund("ref_b", "5")
    await service.refundPayment({ amount: 5, data, context: { idempotency_key: "ref_b" } })
    const afterTwo = await omOrder(data.order_id!)
    expect(afterTwo.refunded_amount).toBe(1000)
    // Medusa retries ref_b (its answer was lost): Klarna already has it, nothing more is refunded
    await service.refundPayment({ amount: 5, data, context: { idempotency_key: "ref_b" } })
    expect((await omOrder(data.order_id!)).refunded_amount).toBe(1000)
    expect(await omCalls(data.order_id!)).toEqual(["POST /captures", "POST /refunds", "POST /refunds"])
  })

  it("a whole-order first refund carries the order's lines; a partial one is amount-only", async () => {
    const service = provider()
    const whole = await authorized(service)
    await service.capturePayment({ data: whole.data })
    await service.refundPayment({ amount: 22, data: whole.data, context: { idempotency_key: "ref_whole" } })
    const [wholeRefund] = (await omOrder(whole.data.order_id!)).refunds
    expect(wholeRefund).toMatchObject({ refunded_amount: 2200, reference: "ref_whole" })
    expect(wholeRefund.order_lines.map((l: OrderLine) => l.name)).toEqual(attachedCart().order_lines.map((l) => l.name))

    const part = await authorized(service)
    await service.capturePayment({ data: part.data })
    await service.refundPayment({ amount: 4, data: part.data, context: { idempotency_key: "ref_part" } })
    const [partRefund] = (await omOrder(part.data.order_id!)).refunds
    expect(partRefund.refunded_amount).toBe(400)
    expect(partRefund.order_lines ?? []).toEqual([])
  })
})

describe("cancelPayment", () => {
  it("nothing captured → cancels the Klarna order, once", async () => {
    const service = provider()
    const { data } = await authorized(service)
    await service.cancelPayment({ data })
    await service.cancelPayment({ data })
    expect((await omOrder(data.order_id!)).status).toBe("CANCELLED")
    expect(await omCalls(data.order_id!)).toEqual(["POST /cancel"])
  })

  it("partly captured → releases what remains, once; the capture stays", async () => {
    const rows = paymentRows("22")
    const service = provider(rows.cradle)
    const { data } = await authorized(service)
    rows.capture("capt_p", "10")
    await service.capturePayment({ data, context: { idempotency_key: "capt_p" } })
    await service.cancelPayment({ data })
    await service.cancelPayment({ data })
    expect(await omOrder(data.order_id!)).toMatchObject({ captured_amount: 1000, remaining_authorized_amount: 0 })
    expect(await omCalls(data.order_id!)).toEqual(["POST /captures", "POST /release-remaining-authorization"])
  })

  it("before an order exists → cancels the shopper's authorization", async () => {
    const service = provider()
    const { data } = await initiated(service)
    const token = await shopperApproves(data.klarna_session_id!)
    await service.cancelPayment({ data: { ...data, authorization_token: token } })
    const deletes = (await requestsTo(`/payments/v1/authorizations/${token}`)).filter((r) => r.method === "DELETE")
    expect(deletes).toHaveLength(1)
    // the token is gone: it can no longer place an order
    const reply = await api("POST", `/payments/v1/authorizations/${token}/order`, purchase())
    expect(reply.status).toBeGreaterThanOrEqual(400)
  })
})

describe("getWebhookActionAndData", () => {
  /** Medusa's payment sessions as the provider's cradle reads them: the data the provider returned at authorization */
  const sessionRows = () => {
    const rows = new Map<string, { id: string; data: Record<string, unknown> }>()
    const cradle = {
      paymentSessionService: {
        retrieve: async (id: string) => rows.get(id) ?? Promise.reject(new Error("not found")),
      },
    }
    return {
      cradle,
      stored: (a: { session_id: string; data: Record<string, unknown> }) =>
        rows.set(a.session_id, { id: a.session_id, data: a.data }),
    }
  }

  it("reads the decision from Klarna, keyed by the Medusa session", async () => {
    const sessions = sessionRows()
    const service = provider(sessions.cradle)
    const accepted = await authorized(service)
    sessions.stored(accepted)
    expect(
      await service.getWebhookActionAndData({ data: { order_id: accepted.data.order_id }, rawData: "", headers: {} })
    ).toEqual({
      action: "authorized",
      data: { session_id: accepted.session_id, amount: 22 },
    })

    const pending = await authorized(service, "PENDING")
    sessions.stored(pending)
    const payload = {
      data: { order_id: pending.data.order_id, event_type: "FRAUD_RISK_ACCEPTED" },
      rawData: "",
      headers: {},
    }
    // the notification's own claim counts for nothing: Klarna still says PENDING
    expect(await service.getWebhookActionAndData(payload)).toMatchObject({ action: "pending" })
    await ctl("POST", `/orders/${pending.data.order_id}/fraud-status`, { fraud_status: "REJECTED" })
    expect(await service.getWebhookActionAndData(payload)).toEqual({
      action: "failed",
      data: { session_id: pending.session_id, amount: 22 },
    })
  })

  it("after the order is placed (merchant_reference2 = the Medusa order), the callback URL's session is used, if it placed the order", async () => {
    const sessions = sessionRows()
    const service = provider(sessions.cradle)
    const pending = await authorized(service, "PENDING")
    const other = await authorized(service, "PENDING")
    sessions.stored(pending)
    sessions.stored(other)
    await service
      .klarnaClient()
      .updateMerchantReferences(
        pending.data.order_id!,
        { merchant_reference1: "1001", merchant_reference2: "order_1" },
        { idempotencyKey: "refs-spec" }
      )
    await ctl("POST", `/orders/${pending.data.order_id}/fraud-status`, { fraud_status: "ACCEPTED" })
    const notified = (session_id?: string) =>
      service.getWebhookActionAndData({
        data: { order_id: pending.data.order_id, ...(session_id ? { session_id } : {}) },
        rawData: "",
        headers: {},
      })
    expect(await notified(pending.session_id)).toEqual({
      action: "authorized",
      data: { session_id: pending.session_id, amount: 22 },
    })
    // another session, or none: nothing ties it to this Klarna order
    expect(await notified(other.session_id)).toEqual({ action: "not_supported" })
    expect(await notified()).toEqual({ action: "not_supported" })
    // Medusa then authorizes the session again: the order id in merchant_reference2 is no mismatch
    const again = await service.authorizePayment({
      data: pending.data,
      context: { idempotency_key: pending.session_id },
    })
    expect(again.status).toBe("authorized")
    // while another session's id there still is
    await expect(
      service.authorizePayment({
        data: { ...other.data, session_id: pending.session_id },
        context: { idempotency_key: pending.session_id },
      })
    ).rejects.toThrow(/does not belong to this payment session/)
  })

  it("anything that is not a known Klarna order is not_supported", async () => {
    const service = provider()
    expect(await service.getWebhookActionAndData({ data: {}, rawData: "", headers: {} })).toEqual({
      action: "not_supported",
    })
    expect(
      await service.getWebhookActionAndData({ data: { order_id: "no-such-order" }, rawData: "", headers: {} })
    ).toEqual({
      action: "not_supported",
    })
  })
})

describe("Klarna calls reach Medusa's logger at debug level", () => {
  it("one line per call, without the password or the Authorization header", async () => {
    const { logger, lines } = recordingLogger()
    const service = provider({ logger })
    const { data } = await authorized(service)
    await service.capturePayment({ data })
    const klarnaLines = lines.filter((l) => l.startsWith("Klarna "))
    expect(klarnaLines.map((l) => l.split(" ")[1])).toEqual(
      expect.arrayContaining(["createSession", "getSession", "createOrder", "getOrder", "createCapture"])
    )
    expect(klarnaLines.find((l) => l.includes("createCapture"))).toMatch(/POST .*\/captures 201/)
    const all = lines.join("\n")
    expect(all).not.toContain(PASSWORD)
    expect(all).not.toContain(BASIC)
    expect(all).not.toMatch(/authorization:|Basic /i)
  })

  it("nothing is logged when the logger is not at debug level", async () => {
    const { logger, lines } = recordingLogger(false)
    const service = provider({ logger })
    await initiated(service)
    expect(lines).toEqual([])
  })
})
