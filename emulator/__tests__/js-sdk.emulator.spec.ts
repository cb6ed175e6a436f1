import { runInNewContext } from "node:vm"
import { createSession, expectKlarnaError, purchase, useTestEmulator } from "./helpers"

const env = useTestEmulator()
const { api, ctl } = env

const widget = (path: string, init?: RequestInit) => fetch(`${env.emulator.url}/kp/widget${path}`, init)
const post = (path: string, body: unknown) =>
  widget(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })

async function newSession(overrides: Record<string, unknown> = {}) {
  const reply = await api("POST", "/payments/v1/sessions", purchase(overrides))
  return { sessionId: reply.body.session_id as string, clientToken: reply.body.client_token as string }
}

describe("the JS SDK stand-in at /kp/lib/v1/api.js", () => {
  it("serves a script that points its widget at this emulator, CORS-open", async () => {
    const res = await fetch(`${env.emulator.url}/kp/lib/v1/api.js`)
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toContain("javascript")
    expect(res.headers.get("access-control-allow-origin")).toBe("*")
    const source = await res.text()
    expect(source).toContain(`"${env.emulator.url}"`)
    expect(source).not.toContain("__EMULATOR_BASE_URL__")
    const preflight = await widget("/sessions/x/authorize", { method: "OPTIONS" })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST")
  })

  it("does not log the shopper's widget calls as merchant API requests", async () => {
    await ctl("DELETE", "/requests")
    await fetch(`${env.emulator.url}/kp/lib/v1/api.js`)
    expect((await ctl("GET", "/requests")).body).toEqual([])
  })
})

describe("the widget's session read", () => {
  it("shows amount, currency, lines and categories for the session the client_token names", async () => {
    const { sessionId, clientToken } = await newSession()
    const res = await widget(`/sessions/${sessionId}?client_token=${encodeURIComponent(clientToken)}`)
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toMatchObject({ session_id: sessionId, purchase_currency: "SEK", order_amount: 2200 })
    expect(body.order_lines.map((l: any) => l.total_amount)).toEqual([2000, 500, -300])
    expect(body.payment_method_categories.map((c: any) => c.identifier)).toContain("pay_later")
    expect(JSON.stringify(body)).not.toContain("merchant_urls")
  })

  it("refuses another session's client_token and unknown sessions", async () => {
    const a = await newSession()
    const b = await newSession()
    const wrong = await widget(`/sessions/${a.sessionId}?client_token=${encodeURIComponent(b.clientToken)}`)
    expect(wrong.status).toBe(400)
    expect((await wrong.json()).error_messages.join()).toContain("client_token")
    expect((await widget(`/sessions/nope?client_token=x`)).status).toBe(404)
  })
})

describe("the widget's authorize step", () => {
  it("approve: the token is the one the KP session then shows, and the merchant callback gets it", async () => {
    const { sessionId, clientToken } = await newSession()
    const res = await post(`/sessions/${sessionId}/authorize`, { client_token: clientToken, approve: true })
    expect(res.status).toBe(200)
    const { approved, authorization_token } = await res.json()
    expect(approved).toBe(true)
    expect(authorization_token).toMatch(/^[0-9a-f-]{36}$/)
    const session = await api("GET", `/payments/v1/sessions/${sessionId}`)
    expect(session.body).toMatchObject({ status: "complete", authorization_token })
    const order = await api("POST", `/payments/v1/authorizations/${authorization_token}/order`, purchase())
    expect(order.status).toBe(200)
  })

  it("decline: no token, the session stays incomplete", async () => {
    const { sessionId, clientToken } = await newSession()
    const res = await post(`/sessions/${sessionId}/authorize`, { client_token: clientToken, approve: false })
    expect(await res.json()).toEqual({ approved: false })
    expect((await api("GET", `/payments/v1/sessions/${sessionId}`)).body.status).toBe("incomplete")
  })

  it("refuses a missing approve flag and a client_token of another session (Klarna's error shape)", async () => {
    const a = await newSession()
    const b = await newSession()
    const noFlag = await post(`/sessions/${a.sessionId}/authorize`, { client_token: a.clientToken })
    expectKlarnaError(
      { status: noFlag.status, headers: noFlag.headers, body: await noFlag.json() },
      400,
      "BAD_VALUE",
      "approve"
    )
    const wrong = await post(`/sessions/${a.sessionId}/authorize`, { client_token: b.clientToken, approve: true })
    expect(wrong.status).toBe(400)
    expect((await api("GET", `/payments/v1/sessions/${a.sessionId}`)).body.status).toBe("incomplete")
  })
})

/**
 * The script itself, run with the emulator over real HTTP and a minimal DOM: the callback shapes of
 * Klarna's library for load, and authorize approved / declined / closed.
 */
describe("Klarna.Payments in the script", () => {
  interface FakeNode {
    attrs: Record<string, string>
    children: FakeNode[]
    listeners: Record<string, () => void>
    style: { cssText: string }
    textContent: string
    innerHTML: string
    parent?: FakeNode
  }
  function fakeDocument() {
    const node = (): FakeNode & Record<string, any> => {
      const n: any = { attrs: {}, children: [], listeners: {}, style: { cssText: "" }, textContent: "" }
      n.setAttribute = (k: string, v: string) => (n.attrs[k] = v)
      n.appendChild = (c: FakeNode) => (c.parent = n) && n.children.push(c)
      n.addEventListener = (type: string, fn: () => void) => (n.listeners[type] = fn)
      n.remove = () => n.parent && (n.parent.children = n.parent.children.filter((c) => c !== n))
      Object.defineProperty(n, "innerHTML", { set: () => (n.children = []), get: () => "" })
      return n
    }
    const body = node()
    const container = node()
    const find = (root: FakeNode, testId: string): FakeNode | undefined =>
      root.attrs["data-testid"] === testId ? root : root.children.map((c) => find(c, testId)).find(Boolean)
    return { document: { body, createElement: node, querySelector: () => container }, body, container, find }
  }

  async function loadScript() {
    const dom = fakeDocument()
    const window: any = { fetch, atob, Intl, Promise, JSON, document: dom.document }
    const source = await (await fetch(`${env.emulator.url}/kp/lib/v1/api.js`)).text()
    runInNewContext(source, { window, document: dom.document, fetch, atob, Intl })
    return { Klarna: window.Klarna, ...dom }
  }
  const until = async <T>(fn: () => T | undefined): Promise<T> => {
    for (let i = 0; i < 200; i++) {
      const v = fn()
      if (v) return v
      await new Promise((r) => setTimeout(r, 10))
    }
    throw new Error("timed out")
  }
  const authorizeWith = async (choice: "approve" | "decline" | "close") => {
    const sdk = await loadScript()
    const sessionId = await createSession(api)
    const { body } = await api("GET", `/payments/v1/sessions/${sessionId}`)
    sdk.Klarna.Payments.init({ client_token: body.client_token })
    const loaded = await new Promise((resolve) =>
      sdk.Klarna.Payments.load({ container: "#klarna", payment_method_category: "pay_later" }, resolve)
    )
    const result = new Promise<any>((resolve) =>
      sdk.Klarna.Payments.authorize({ payment_method_category: "pay_later" }, {}, resolve)
    )
    const button = await until(() => sdk.find(sdk.body, `klarna-emulator-${choice}`))
    button.listeners.click()
    return { loaded, result: await result, sessionId, sdk }
  }

  it("load renders the widget into the container and answers { show_form: true }", async () => {
    const { loaded, sdk } = await authorizeWith("close")
    expect(loaded).toEqual({ show_form: true })
    expect(sdk.find(sdk.container, "klarna-emulator-widget")?.attrs["data-category"]).toBe("pay_later")
    expect(sdk.find(sdk.container, "klarna-emulator-amount")?.attrs["data-minor"]).toBe("2200")
  })

  it("load with an unknown category answers { show_form: false, error }", async () => {
    const sdk = await loadScript()
    const sessionId = await createSession(api)
    const { body } = await api("GET", `/payments/v1/sessions/${sessionId}`)
    sdk.Klarna.Payments.init({ client_token: body.client_token })
    const res: any = await new Promise((resolve) =>
      sdk.Klarna.Payments.load({ container: "#k", payment_method_category: "nope" }, {}, resolve)
    )
    expect(res).toMatchObject({ show_form: false, error: { invalid_fields: ["payment_method_category"] } })
  })

  it("approve → { approved: true, show_form: true, authorization_token } = the session's token", async () => {
    const { result, sessionId, sdk } = await authorizeWith("approve")
    expect(result).toMatchObject({ approved: true, show_form: true })
    const session = await ctl("GET", `/sessions/${sessionId}`)
    expect(result.authorization_token).toBe(session.body.authorization_token)
    expect(sdk.find(sdk.body, "klarna-emulator-dialog")).toBeUndefined()
  })

  it("decline → { approved: false, show_form: false }, no token", async () => {
    const { result, sessionId } = await authorizeWith("decline")
    expect(result).toEqual({ approved: false, show_form: false })
    expect((await ctl("GET", `/sessions/${sessionId}`)).body.authorization_token).toBeUndefined()
  })

  it("closing the dialog is an abandon → { approved: false, show_form: true }, no token", async () => {
    const { result, sessionId } = await authorizeWith("close")
    expect(result).toEqual({ approved: false, show_form: true })
    expect((await ctl("GET", `/sessions/${sessionId}`)).body.authorization_token).toBeUndefined()
  })
})
