import { startKlarnaEmulator, type KlarnaEmulator } from "../index"

export const MERCHANT_A = { username: "merchant_a", password: "secret_a" }
export const MERCHANT_B = { username: "merchant_b", password: "secret_b" }

export async function startTestEmulator(): Promise<KlarnaEmulator> {
  return startKlarnaEmulator({ port: 0, ...MERCHANT_A, accounts: [MERCHANT_B], callbackBackoffMs: 50 })
}

/**
 * Starts an emulator for the spec file (beforeAll/afterAll). `api` (merchant A) and `ctl` (the
 * /__emulator controls) delegate to it once it runs.
 */
export function useTestEmulator() {
  let emulator: KlarnaEmulator
  const env = {
    get emulator() {
      return emulator
    },
    api: ((...args) => klarnaApi(emulator.url)(...args)) as Api,
    ctl: ((...args) => controls(emulator.url)(...args)) as Api,
  }
  beforeAll(async () => {
    emulator = await startTestEmulator()
  })
  afterAll(() => emulator.close())
  return env
}

export interface Reply {
  status: number
  headers: Headers
  body: any
}

async function call(url: string, method: string, body: unknown, headers: Record<string, string>): Promise<Reply> {
  const response = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined }
}

export type Api = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Reply>

/** A Klarna API client for one merchant's credentials. */
export function klarnaApi(baseUrl: string, account = MERCHANT_A): Api {
  const authorization = `Basic ${Buffer.from(`${account.username}:${account.password}`).toString("base64")}`
  return (method, path, body, headers = {}) =>
    call(baseUrl + path, method, body, { Authorization: authorization, ...headers })
}

/** The /__emulator controls (no auth). */
export function controls(baseUrl: string): Api {
  return (method, path, body, headers = {}) => call(`${baseUrl}/__emulator${path}`, method, body, headers)
}

/** 2 × 10.00 + 5.00 shipping − 3.00 discount = 22.00, 25 % VAT included (4.40). */
export function purchase(overrides: Record<string, unknown> = {}) {
  return {
    purchase_country: "SE",
    purchase_currency: "SEK",
    locale: "sv-SE",
    order_amount: 2200,
    order_tax_amount: 440,
    order_lines: [
      {
        type: "physical",
        reference: "SKU-1",
        name: "Mug",
        quantity: 2,
        unit_price: 1000,
        tax_rate: 2500,
        total_amount: 2000,
        total_discount_amount: 0,
        total_tax_amount: 400,
      },
      {
        type: "shipping_fee",
        name: "Shipping",
        quantity: 1,
        unit_price: 500,
        tax_rate: 2500,
        total_amount: 500,
        total_tax_amount: 100,
      },
      {
        type: "discount",
        name: "Promo",
        quantity: 1,
        unit_price: -300,
        tax_rate: 2500,
        total_amount: -300,
        total_tax_amount: -60,
      },
    ],
    ...overrides,
  }
}

/** One order line worth `amount`, at 25 % VAT, for captures and refunds. */
export function line(amount: number, name = "Mug") {
  return {
    type: "physical",
    name,
    quantity: 1,
    unit_price: amount,
    tax_rate: 2500,
    total_amount: amount,
    total_tax_amount: Math.round(amount / 5),
  }
}

export async function createSession(api: Api, body: Record<string, unknown> = purchase()): Promise<string> {
  const reply = await api("POST", "/payments/v1/sessions", body)
  if (reply.status !== 200) throw new Error(`session: ${reply.status} ${JSON.stringify(reply.body)}`)
  return reply.body.session_id
}

export async function authorize(ctl: Api, sessionId: string, options: Record<string, unknown> = {}): Promise<string> {
  const reply = await ctl("POST", `/sessions/${sessionId}/authorize`, options)
  if (reply.status !== 200 || !reply.body.authorization_token)
    throw new Error(`authorize: ${JSON.stringify(reply.body)}`)
  return reply.body.authorization_token
}

/** KP session → shopper approves → order. */
export async function placeOrder(
  api: Api,
  ctl: Api,
  options: {
    authorize?: Record<string, unknown>
    purchase?: Record<string, unknown>
    order?: Record<string, unknown>
  } = {}
): Promise<{ orderId: string; sessionId: string; token: string; reply: Reply }> {
  const body = purchase(options.purchase)
  const sessionId = await createSession(api, body)
  const token = await authorize(ctl, sessionId, options.authorize)
  const reply = await api("POST", `/payments/v1/authorizations/${token}/order`, { ...body, ...options.order })
  if (reply.status !== 200) throw new Error(`order: ${reply.status} ${JSON.stringify(reply.body)}`)
  return { orderId: reply.body.order_id, sessionId, token, reply }
}

export const orderPath = (orderId: string, rest = "") => `/ordermanagement/v1/orders/${orderId}${rest}`

export function expectKlarnaError(reply: Reply, status: number, errorCode: string, messagePart?: string): void {
  expect(reply.status).toBe(status)
  expect(reply.body.error_code).toBe(errorCode)
  expect(reply.body.correlation_id).toMatch(/^[0-9a-f-]{36}$/)
  expect(reply.headers.get("klarna-correlation-id")).toBe(reply.body.correlation_id)
  expect(Array.isArray(reply.body.error_messages)).toBe(true)
  if (messagePart) expect(reply.body.error_messages.join(" | ")).toContain(messagePart)
}
