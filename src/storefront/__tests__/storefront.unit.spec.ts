import {
  authorizeKlarna,
  findKlarnaSession,
  klarnaOutcome,
  klarnaOutcomeMessage,
  klarnaSessionInfo,
  KlarnaCheckoutError,
  mountKlarnaWidget,
  submitAuthorization,
} from "../index"
import type { KlarnaPaymentsSdk } from "../klarna-payments"

describe("klarnaOutcome", () => {
  it("maps Klarna's authorize answers: approved, declined, abandoned, invalid fields", () => {
    expect(klarnaOutcome({ approved: true, show_form: true, authorization_token: "tok" })).toEqual({
      kind: "approved",
      authorization_token: "tok",
    })
    expect(klarnaOutcome({ approved: false, show_form: false })).toEqual({ kind: "declined" })
    expect(klarnaOutcome({ approved: false, show_form: true })).toEqual({ kind: "abandoned" })
    expect(
      klarnaOutcome({ approved: false, show_form: true, error: { invalid_fields: ["billing_address.email"] } })
    ).toEqual({
      kind: "invalid",
      invalid_fields: ["billing_address.email"],
    })
  })

  it("does not take an approval without a token as approved", () => {
    expect(klarnaOutcome({ approved: true, show_form: true }).kind).toBe("abandoned")
  })

  it("has a message for every outcome but approval", () => {
    expect(klarnaOutcomeMessage({ kind: "approved", authorization_token: "t" })).toBeUndefined()
    expect(klarnaOutcomeMessage({ kind: "declined" })).toMatch(/another payment method/)
    expect(klarnaOutcomeMessage({ kind: "abandoned" })).toMatch(/try again/)
    expect(klarnaOutcomeMessage({ kind: "invalid", invalid_fields: ["a", "b"] })).toContain("a, b")
  })
})

describe("Klarna payment sessions", () => {
  const klarna = {
    id: "payses_1",
    provider_id: "pp_klarna_klarna",
    data: {
      client_token: "ct",
      payment_method_categories: [{ identifier: "pay_later", name: "Pay later." }, { bogus: true }],
    },
  }

  it("finds the Klarna session among the cart's sessions and reads what the widget needs", () => {
    expect(findKlarnaSession([{ id: "x", provider_id: "pp_system_default" }, klarna])).toBe(klarna)
    expect(findKlarnaSession(undefined)).toBeUndefined()
    expect(klarnaSessionInfo(klarna)).toEqual({
      payment_session_id: "payses_1",
      client_token: "ct",
      categories: [{ identifier: "pay_later", name: "Pay later." }],
    })
  })

  it("refuses another provider's session and one without a client_token", () => {
    expect(() => klarnaSessionInfo({ id: "x", provider_id: "pp_stripe_stripe", data: {} })).toThrow(
      /not a Klarna session/
    )
    expect(() => klarnaSessionInfo({ ...klarna, data: {} })).toThrow(/no Klarna client_token/)
  })
})

describe("submitAuthorization", () => {
  it("POSTs the token to the plugin's route with the publishable key", async () => {
    const calls: { url: string; init: RequestInit }[] = []
    const fakeFetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, init })
      return new Response(JSON.stringify({ payment_session: { id: "payses_1", status: "pending" } }), { status: 200 })
    }) as unknown as typeof fetch
    const res = await submitAuthorization({
      backendUrl: "https://api.shop.example/",
      publishableKey: "pk_1",
      paymentSessionId: "payses_1",
      authorizationToken: "tok-1",
      fetch: fakeFetch,
    })
    expect(res).toEqual({ id: "payses_1", status: "pending" })
    expect(calls[0].url).toBe("https://api.shop.example/store/klarna/payment-sessions/payses_1/authorization")
    expect(calls[0].init.method).toBe("POST")
    expect((calls[0].init.headers as Record<string, string>)["x-publishable-api-key"]).toBe("pk_1")
    expect(JSON.parse(calls[0].init.body as string)).toEqual({ authorization_token: "tok-1" })
  })

  it("throws the store API's message and status", async () => {
    const fakeFetch = (async () =>
      new Response(JSON.stringify({ message: "The authorization token does not belong to this Klarna session" }), {
        status: 400,
      })) as unknown as typeof fetch
    const call = submitAuthorization({
      backendUrl: "http://x",
      publishableKey: "pk",
      paymentSessionId: "p",
      authorizationToken: "t",
      fetch: fakeFetch,
    })
    await expect(call).rejects.toThrow(KlarnaCheckoutError)
    await expect(call).rejects.toMatchObject({ status: 400, message: expect.stringContaining("does not belong") })
  })
})

describe("mountKlarnaWidget / authorizeKlarna", () => {
  it("init with the client token, then load and authorize the category, answering Klarna's callbacks", async () => {
    const seen: unknown[] = []
    const sdk: KlarnaPaymentsSdk = {
      init: (o) => seen.push(["init", o]),
      load: (o, data, cb) => (seen.push(["load", o, data]), cb({ show_form: true })),
      authorize: (o, data, cb) => (
        seen.push(["authorize", o, data]),
        cb({ approved: true, show_form: true, authorization_token: "t" })
      ),
    }
    expect(await mountKlarnaWidget("#klarna", "ct-1", "pay_later", { sdk })).toEqual({ show_form: true })
    expect(await authorizeKlarna("pay_later", { billing_address: { email: "a@b.se" } }, { sdk })).toMatchObject({
      authorization_token: "t",
    })
    expect(seen).toEqual([
      ["init", { client_token: "ct-1" }],
      ["load", { container: "#klarna", payment_method_category: "pay_later" }, undefined],
      ["authorize", { payment_method_category: "pay_later" }, { billing_address: { email: "a@b.se" } }],
    ])
  })
})
