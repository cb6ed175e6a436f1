import {
  authorize,
  createSession,
  expectKlarnaError,
  klarnaApi,
  MERCHANT_B,
  orderPath,
  purchase,
  useTestEmulator,
} from "./helpers"

const env = useTestEmulator()
const { api, ctl } = env

describe("KP sessions", () => {
  it("creates a session with a client token and payment method categories", async () => {
    const reply = await api("POST", "/payments/v1/sessions", purchase())
    expect(reply.status).toBe(200)
    expect(reply.body.session_id).toMatch(/^[0-9a-f-]{36}$/)
    expect(reply.body.client_token.split(".")).toHaveLength(3)
    expect(reply.body.payment_method_categories.map((c: any) => c.identifier)).toContain("pay_later")
    expect(reply.headers.get("klarna-correlation-id")).toMatch(/^[0-9a-f-]{36}$/)
  })

  it("reads a session: incomplete, 48 h expiry, lines and merchant_urls", async () => {
    const before = Date.now()
    const merchant_urls = { confirmation: "https://shop.example/confirm", authorization: "http://127.0.0.1:1/none" }
    const sessionId = await createSession(api, purchase({ merchant_urls }))
    const reply = await api("GET", `/payments/v1/sessions/${sessionId}`)
    expect(reply.status).toBe(200)
    expect(reply.body.status).toBe("incomplete")
    expect(reply.body.authorization_token).toBeUndefined()
    expect(reply.body.order_amount).toBe(2200)
    expect(reply.body.order_lines).toHaveLength(3)
    expect(reply.body.merchant_urls).toEqual(merchant_urls)
    const expiresIn = Date.parse(reply.body.expires_at) - before
    expect(expiresIn).toBeGreaterThanOrEqual(48 * 3600 * 1000 - 1000)
    expect(expiresIn).toBeLessThanOrEqual(48 * 3600 * 1000 + 5000)
  })

  it("refuses missing required fields with 400 BAD_VALUE naming them", async () => {
    const { purchase_country, ...body } = purchase()
    expectKlarnaError(await api("POST", "/payments/v1/sessions", body), 400, "BAD_VALUE", "purchase_country")
    const noLines = await api("POST", "/payments/v1/sessions", purchase({ order_lines: [] }))
    expectKlarnaError(noLines, 400, "BAD_VALUE", "order_lines")
    const badType = purchase()
    ;(badType.order_lines[0] as any).quantity = "2"
    expectKlarnaError(await api("POST", "/payments/v1/sessions", badType), 400, "BAD_VALUE", "order_lines[0].quantity")
  })

  it("refuses a line whose total_amount is not quantity × unit_price − discount", async () => {
    const body = purchase()
    body.order_lines[0].total_amount = 1999
    const reply = await api("POST", "/payments/v1/sessions", body)
    expectKlarnaError(reply, 400, "BAD_VALUE", "order_lines[0].total_amount")
  })

  it("refuses a total_tax_amount more than 1 off, accepts ±1", async () => {
    const off = purchase()
    off.order_lines[2].total_tax_amount = -62
    off.order_tax_amount = 438
    expectKlarnaError(
      await api("POST", "/payments/v1/sessions", off),
      400,
      "BAD_VALUE",
      "order_lines[2].total_tax_amount"
    )
    const rounded = purchase()
    rounded.order_lines[2].total_tax_amount = -61
    rounded.order_tax_amount = 439
    expect((await api("POST", "/payments/v1/sessions", rounded)).status).toBe(200)
  })

  it("refuses order_amount ≠ Σ total_amount and order_tax_amount ≠ Σ total_tax_amount", async () => {
    expectKlarnaError(
      await api("POST", "/payments/v1/sessions", purchase({ order_amount: 2201 })),
      400,
      "BAD_VALUE",
      "order_amount"
    )
    expectKlarnaError(
      await api("POST", "/payments/v1/sessions", purchase({ order_tax_amount: 441 })),
      400,
      "BAD_VALUE",
      "order_tax_amount"
    )
  })

  it("accepts US style: no tax on lines, one sales_tax line carrying order_tax_amount", async () => {
    const body = {
      purchase_country: "US",
      purchase_currency: "USD",
      locale: "en-US",
      order_amount: 10800,
      order_tax_amount: 800,
      order_lines: [
        { type: "physical", name: "Lamp", quantity: 1, unit_price: 10000, total_amount: 10000 },
        { type: "sales_tax", name: "Sales tax", quantity: 1, unit_price: 800, total_amount: 800 },
      ],
    }
    expect((await api("POST", "/payments/v1/sessions", body)).status).toBe(200)
  })

  it("updates a session (204) and checks the merged arithmetic", async () => {
    const sessionId = await createSession(api)
    const lines = [
      {
        type: "physical",
        name: "Lamp",
        quantity: 1,
        unit_price: 1500,
        tax_rate: 2500,
        total_amount: 1500,
        total_tax_amount: 300,
      },
    ]
    const ok = await api("POST", `/payments/v1/sessions/${sessionId}`, {
      order_amount: 1500,
      order_tax_amount: 300,
      order_lines: lines,
    })
    expect(ok.status).toBe(204)
    expect(ok.body).toBeUndefined()
    expect((await api("GET", `/payments/v1/sessions/${sessionId}`)).body.order_amount).toBe(1500)
    const bad = await api("POST", `/payments/v1/sessions/${sessionId}`, { order_amount: 1600 })
    expectKlarnaError(bad, 400, "BAD_VALUE", "order_amount")
    expect((await api("GET", `/payments/v1/sessions/${sessionId}`)).body.order_amount).toBe(1500)
  })

  it("answers 404 NOT_FOUND 'Invalid session id' for unknown sessions", async () => {
    expectKlarnaError(await api("GET", "/payments/v1/sessions/nope"), 404, "NOT_FOUND", "Invalid session id")
    expectKlarnaError(
      await api("POST", "/payments/v1/sessions/nope", { order_amount: 1 }),
      404,
      "NOT_FOUND",
      "Invalid session id"
    )
  })
})

describe("KP authorization and order", () => {
  it("authorizes through the control: the session shows the token and status complete", async () => {
    const sessionId = await createSession(api)
    const token = await authorize(ctl, sessionId)
    const session = await api("GET", `/payments/v1/sessions/${sessionId}`)
    expect(session.body.status).toBe("complete")
    expect(session.body.authorization_token).toBe(token)
  })

  it("a declined shopper gets no token", async () => {
    const sessionId = await createSession(api)
    const reply = await ctl("POST", `/sessions/${sessionId}/authorize`, { approve: false })
    expect(reply.body).toEqual({ approved: false })
    expect((await api("GET", `/payments/v1/sessions/${sessionId}`)).body.status).toBe("incomplete")
  })

  it("creates the order from the token, with fraud status and payment method", async () => {
    const sessionId = await createSession(api)
    const token = await authorize(ctl, sessionId, { fraud_status: "PENDING", payment_method: "FIXED_AMOUNT" })
    const reply = await api(
      "POST",
      `/payments/v1/authorizations/${token}/order`,
      purchase({ merchant_reference1: "1001" })
    )
    expect(reply.status).toBe(200)
    expect(reply.body.order_id).toMatch(/^[0-9a-f-]{36}$/)
    expect(reply.body.fraud_status).toBe("PENDING")
    expect(reply.body.redirect_url).toContain(reply.body.order_id)
    expect(reply.body.authorized_payment_method).toEqual({
      type: "fixed_amount",
      number_of_days: 0,
      number_of_installments: 3,
    })
    const order = await api("GET", orderPath(reply.body.order_id))
    expect(order.body).toMatchObject({
      status: "AUTHORIZED",
      fraud_status: "PENDING",
      order_amount: 2200,
      original_order_amount: 2200,
      captured_amount: 0,
      remaining_authorized_amount: 2200,
      merchant_reference1: "1001",
      initial_payment_method: { type: "FIXED_AMOUNT" },
    })
    expect(order.body.klarna_reference).toMatch(/^[A-Z0-9]{7}$/)
    const days = (Date.parse(order.body.expires_at) - Date.parse(order.body.created_at)) / 86_400_000
    expect(days).toBe(28)
  })

  it("the same create-order body again returns the same order; another body is 409 CONFLICT", async () => {
    const sessionId = await createSession(api)
    const token = await authorize(ctl, sessionId)
    const first = await api("POST", `/payments/v1/authorizations/${token}/order`, purchase())
    const again = await api("POST", `/payments/v1/authorizations/${token}/order`, purchase())
    expect(again.status).toBe(200)
    expect(again.body.order_id).toBe(first.body.order_id)
    const other = await api(
      "POST",
      `/payments/v1/authorizations/${token}/order`,
      purchase({ merchant_reference1: "other" })
    )
    expectKlarnaError(other, 409, "CONFLICT")
  })

  it("refuses with 409 an order that does not match the authorized session", async () => {
    const sessionId = await createSession(api)
    const token = await authorize(ctl, sessionId)
    const cheaper = purchase({ order_amount: 2100, order_tax_amount: 420 })
    cheaper.order_lines[0] = { ...cheaper.order_lines[0], unit_price: 950, total_amount: 1900, total_tax_amount: 380 }
    expectKlarnaError(
      await api("POST", `/payments/v1/authorizations/${token}/order`, cheaper),
      409,
      "BAD_VALUE",
      "order_amount"
    )
    const euro = await api("POST", `/payments/v1/authorizations/${token}/order`, purchase({ purchase_currency: "EUR" }))
    expectKlarnaError(euro, 409, "BAD_VALUE", "purchase_currency")
    // the token is still good for the matching body
    expect((await api("POST", `/payments/v1/authorizations/${token}/order`, purchase())).status).toBe(200)
  })

  it("refuses create-order bodies that break the arithmetic with 400", async () => {
    const token = await authorize(ctl, await createSession(api))
    expectKlarnaError(
      await api("POST", `/payments/v1/authorizations/${token}/order`, purchase({ order_amount: 1 })),
      400,
      "BAD_VALUE",
      "order_amount"
    )
  })

  it("unknown and cancelled tokens are 404 'Invalid authorization token'", async () => {
    expectKlarnaError(
      await api("POST", "/payments/v1/authorizations/nope/order", purchase()),
      404,
      "NOT_FOUND",
      "Invalid authorization token"
    )
    const sessionId = await createSession(api)
    const token = await authorize(ctl, sessionId)
    const deleted = await api("DELETE", `/payments/v1/authorizations/${token}`)
    expect(deleted.status).toBe(204)
    expect(deleted.body).toBeUndefined()
    expectKlarnaError(
      await api("POST", `/payments/v1/authorizations/${token}/order`, purchase()),
      404,
      "NOT_FOUND",
      "Invalid authorization token"
    )
    expectKlarnaError(await api("DELETE", `/payments/v1/authorizations/${token}`), 404, "NOT_FOUND")
    expect((await api("GET", `/payments/v1/sessions/${sessionId}`)).body.authorization_token).toBeUndefined()
  })

  it("a new authorization revokes the session's older unused token", async () => {
    const sessionId = await createSession(api)
    const old = await authorize(ctl, sessionId)
    const fresh = await authorize(ctl, sessionId)
    expect(fresh).not.toBe(old)
    expectKlarnaError(await api("POST", `/payments/v1/authorizations/${old}/order`, purchase()), 404, "NOT_FOUND")
    expect((await api("POST", `/payments/v1/authorizations/${fresh}/order`, purchase())).status).toBe(200)
  })

  it("creates a customer token", async () => {
    const token = await authorize(ctl, await createSession(api, purchase({ intent: "buy_and_tokenize" })))
    const body = {
      description: "Subscription",
      intended_use: "SUBSCRIPTION",
      locale: "sv-SE",
      purchase_country: "SE",
      purchase_currency: "SEK",
    }
    const reply = await api("POST", `/payments/v1/authorizations/${token}/customer-token`, body)
    expect(reply.status).toBe(200)
    expect(reply.body.token_id).toMatch(/^[0-9a-f-]{36}$/)
    expect(reply.body.redirect_url).toEqual(expect.any(String))
    const { intended_use, ...missing } = body
    expectKlarnaError(
      await api("POST", `/payments/v1/authorizations/${token}/customer-token`, missing),
      400,
      "BAD_VALUE",
      "intended_use"
    )
    expectKlarnaError(await api("POST", "/payments/v1/authorizations/nope/customer-token", body), 404, "NOT_FOUND")
  })

  it("auto_capture creates a fully captured order", async () => {
    const token = await authorize(ctl, await createSession(api))
    const reply = await api("POST", `/payments/v1/authorizations/${token}/order`, { ...purchase(), auto_capture: true })
    const order = await api("GET", orderPath(reply.body.order_id))
    expect(order.body).toMatchObject({ status: "CAPTURED", captured_amount: 2200, remaining_authorized_amount: 0 })
  })
})

describe("authentication and merchants", () => {
  it("answers 401 UNAUTHORIZED without or with wrong credentials", async () => {
    const anonymous = await fetch(`${env.emulator.url}/payments/v1/sessions`, {
      method: "POST",
      body: JSON.stringify(purchase()),
    })
    expect(anonymous.status).toBe(401)
    const body = await anonymous.json()
    expect(body.error_code).toBe("UNAUTHORIZED")
    expect(anonymous.headers.get("klarna-correlation-id")).toBe(body.correlation_id)
    const wrong = klarnaApi(env.emulator.url, { username: "merchant_a", password: "nope" })
    expectKlarnaError(await wrong("GET", orderPath("x")), 401, "UNAUTHORIZED")
  })

  it("keeps merchants apart: another account sees 404 for sessions, tokens and orders", async () => {
    const other = klarnaApi(env.emulator.url, MERCHANT_B)
    const sessionId = await createSession(api)
    const token = await authorize(ctl, sessionId)
    expectKlarnaError(await other("GET", `/payments/v1/sessions/${sessionId}`), 404, "NOT_FOUND")
    expectKlarnaError(await other("POST", `/payments/v1/authorizations/${token}/order`, purchase()), 404, "NOT_FOUND")
    const order = await api("POST", `/payments/v1/authorizations/${token}/order`, purchase())
    const orderId = order.body.order_id
    expectKlarnaError(await other("GET", orderPath(orderId)), 404, "NO_SUCH_ORDER")
    expectKlarnaError(
      await other("POST", orderPath(orderId, "/captures"), { captured_amount: 100 }),
      404,
      "NO_SUCH_ORDER"
    )
    expect((await api("GET", orderPath(orderId))).body.captured_amount).toBe(0)
    // merchant B works on its own
    expect((await createSession(other)).length).toBe(36)
  })
})
