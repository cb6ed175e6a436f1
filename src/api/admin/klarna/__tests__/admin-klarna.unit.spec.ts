import { MedusaError } from "@medusajs/framework/utils"
import { httpStatusForKlarnaFailure, KlarnaError, klarnaFailureOf } from "../../../../lib/klarna"
import { captureRecordView, klarnaOrderView } from "../views"
import { klarnaErrorResponse } from "../../../utils/klarna-error-response"
import { AdminKlarnaCapture, AdminKlarnaExtendDueDate, AdminKlarnaShippingInfo, SHIPPING_METHODS } from "../validators"

// Medusa's own formatter (what validateAndTransformBody runs), so the messages are the ones a client sees
// (not exported by the package: loaded from beside its http module)
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { zodValidator } = require(
  require("path").join(require.resolve("@medusajs/framework/http"), "../../zod/zod-helpers.js")
)

const reject = async (schema: unknown, body: unknown): Promise<string> => {
  try {
    await zodValidator(schema, body)
  } catch (e) {
    expect((e as MedusaError).type).toBe(MedusaError.Types.INVALID_DATA)
    return (e as MedusaError).message
  }
  throw new Error(`accepted ${JSON.stringify(body)}`)
}

describe("admin Klarna validators", () => {
  it("name the field in every message, also inside arrays", async () => {
    expect(await reject(AdminKlarnaCapture, { items: [{ line_item_id: "a", quantity: "2" }] })).toContain(
      "items[0].quantity"
    )
    expect(await reject(AdminKlarnaCapture, { items: [{ line_item_id: 5, quantity: 1 }] })).toContain(
      "items[0].line_item_id"
    )
    expect(
      await reject(AdminKlarnaShippingInfo, { shipping_info: [{ shipping_method: "Home" }, { shipping_method: 3 }] })
    ).toContain("shipping_info[1].shipping_method")
    expect(
      await reject(AdminKlarnaShippingInfo, { shipping_info: [{ tracking_uri: "https://t.se/" + "x".repeat(1020) }] })
    ).toContain("shipping_info[0].tracking_uri: must be at most 1024 characters")
    expect(await reject(AdminKlarnaExtendDueDate, { number_of_days: 0 })).toContain(
      "number_of_days must be a positive integer"
    )
    expect(await reject(AdminKlarnaCapture, { amount: 0 })).toContain("amount must be a positive number")
    expect(await reject(AdminKlarnaCapture, {})).toContain("items or amount is required")
    expect(await reject(AdminKlarnaCapture, { amount: 1, items: [{ line_item_id: "a", quantity: 1 }] })).toContain(
      "either items or amount"
    )
  })

  it("accept valid bodies unchanged", async () => {
    const shipping_info = SHIPPING_METHODS.map((shipping_method) => ({ shipping_method }))
    expect(await zodValidator(AdminKlarnaShippingInfo, { shipping_info })).toEqual({ shipping_info })
    const capture = {
      items: [{ line_item_id: "ordli_1", quantity: 2 }],
      description: "d",
      shipping_info: [{ tracking_uri: "http://x.se/t" }],
    }
    expect(await zodValidator(AdminKlarnaCapture, capture)).toEqual(capture)
    expect(await zodValidator(AdminKlarnaCapture, { amount: 12.5 })).toEqual({ amount: 12.5 })
    expect(await zodValidator(AdminKlarnaExtendDueDate, { number_of_days: 14 })).toEqual({ number_of_days: 14 })
  })
})

describe("Klarna error responses", () => {
  const http = (status: number, errorCode?: string) =>
    new KlarnaError({
      kind: "http",
      operation: "extendDueDate",
      message: "m",
      status,
      errorCode,
      errorMessages: ["why"],
      correlationId: "corr-1",
      retryable: status >= 500 || status === 429,
    })

  it("maps Klarna statuses: 404→404, 403/409→422, 400/422→400, other 4xx→422, 401/429/5xx/none→502", () => {
    expect(
      [404, 403, 409, 400, 422, 405, 410, 413, 401, 408, 429, 500, 503, undefined, null].map((s) =>
        httpStatusForKlarnaFailure({ kind: "http", status: s })
      )
    ).toEqual([404, 422, 422, 400, 400, 422, 422, 422, 502, 502, 502, 502, 502, 502, 502])
  })

  it("reports Klarna's 405 as Klarna's answer, not as Klarna being unavailable", () => {
    const { status, body } = klarnaErrorResponse(klarnaFailureOf(http(405))!)
    expect(status).toBe(422)
    expect(body.message).not.toMatch(/unavailable|retries|could not be reached/)
    expect(body.klarna.http_status).toBe(405)
  })

  it("answers 400 for an id the client refused to send (nothing reached Klarna)", () => {
    const err = new KlarnaError({
      kind: "invalid_request",
      operation: "getCapture",
      message: "Klarna client: captureId must not be a dot segment (not a Klarna id; nothing was sent to Klarna)",
      retryable: false,
    })
    for (const e of [err, JSON.parse(JSON.stringify(err))]) {
      const { status, body } = klarnaErrorResponse(klarnaFailureOf(e)!)
      expect(status).toBe(400)
      expect(body.type).toBe("invalid_data")
      expect(body.message).toContain("captureId")
      expect(body.message).not.toMatch(/unavailable|could not be reached/)
    }
  })

  it("carries code, messages and correlation id, also from a serialized (workflow) error", () => {
    const serialized = JSON.parse(JSON.stringify({ ...http(403, "NOT_ALLOWED"), name: "KlarnaError", message: "m" }))
    for (const err of [http(403, "NOT_ALLOWED"), serialized]) {
      const { status, body } = klarnaErrorResponse(klarnaFailureOf(err)!)
      expect(status).toBe(422)
      expect(body).toMatchObject({
        type: "klarna_error",
        klarna: { http_status: 403, error_code: "NOT_ALLOWED", error_messages: ["why"], correlation_id: "corr-1" },
      })
      expect(body.message).toContain("corr-1")
    }
    expect(klarnaFailureOf(new MedusaError(MedusaError.Types.NOT_FOUND, "x"))).toBeUndefined()
  })

  it("explains an unreachable Klarna", () => {
    const err = new KlarnaError({
      kind: "network",
      operation: "getOrder",
      message: "m",
      retryable: true,
      networkCode: "ECONNRESET",
    })
    const { status, body } = klarnaErrorResponse(klarnaFailureOf(err)!)
    expect(status).toBe(502)
    expect(body.message).toMatch(/could not be reached/)
    expect(body.klarna).toEqual({ http_status: null, error_code: null, error_messages: [], correlation_id: null })
  })
})

describe("views", () => {
  it("gives Klarna amounts in minor and major units per currency exponent", () => {
    const view = klarnaOrderView({
      order_id: "o",
      status: "PART_CAPTURED",
      order_amount: 13483,
      captured_amount: 8233,
      refunded_amount: 5,
      remaining_authorized_amount: 5250,
      purchase_currency: "SEK",
    })
    expect(view.currency_code).toBe("sek")
    expect(view.amounts).toEqual({
      order_amount: { minor: 13483, major: 134.83 },
      captured_amount: { minor: 8233, major: 82.33 },
      refunded_amount: { minor: 5, major: 0.05 },
      remaining_authorized_amount: { minor: 5250, major: 52.5 },
    })
    expect(
      klarnaOrderView({
        order_id: "j",
        status: "AUTHORIZED",
        order_amount: 500,
        captured_amount: 0,
        refunded_amount: 0,
        remaining_authorized_amount: 500,
        purchase_currency: "JPY",
      }).amounts.order_amount
    ).toEqual({ minor: 500, major: 500 })
  })

  it("shows a capture record without its idempotency key or Medusa internals", () => {
    const view = captureRecordView({
      id: "kcap_1",
      status: "failed",
      amount: 1000,
      raw_amount: { value: "1000" },
      idempotency_key: "k",
      source_key: "s",
      currency_code: "sek",
    })
    expect(view).toMatchObject({ id: "kcap_1", status: "failed", amount: 1000 })
    expect(view).not.toHaveProperty("idempotency_key")
    expect(view).not.toHaveProperty("source_key")
  })
})
