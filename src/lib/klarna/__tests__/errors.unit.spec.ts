import { inspect } from "node:util"
import { AxiosError, AxiosHeaders } from "axios"
import { isKlarnaError, KlarnaError, parseErrorBody, toKlarnaError } from "../errors"
import { basicAuthHeader, makeRedactor } from "../redact"

const USER = "PK_test_user"
const PASSWORD = "pw-9f8e7d6c5b4a"
const redact = makeRedactor(USER, PASSWORD)

/** An axios-like error carrying what real ones carry: request config with credentials. */
function axiosLike(extra: Record<string, unknown>) {
  return {
    isAxiosError: true,
    name: "AxiosError",
    message: "Request failed",
    config: {
      auth: { username: USER, password: PASSWORD },
      headers: { Authorization: basicAuthHeader(USER, PASSWORD) },
      url: "/ordermanagement/v1/orders/o1/captures",
    },
    request: { _header: `POST / HTTP/1.1\r\nAuthorization: ${basicAuthHeader(USER, PASSWORD)}` },
    ...extra,
  }
}

function expectNoSecret(e: KlarnaError) {
  const b64 = basicAuthHeader(USER, PASSWORD).slice(6)
  for (const text of [e.message, String(e), e.stack ?? "", JSON.stringify(e), inspect(e, { depth: 10 })]) {
    expect(text).not.toContain(PASSWORD)
    expect(text).not.toContain(b64)
  }
  expect((e as { cause?: unknown }).cause).toBeUndefined()
  expect(Object.keys(e)).not.toEqual(expect.arrayContaining(["config"]))
  expect((e as unknown as { config?: unknown }).config).toBeUndefined()
}

describe("toKlarnaError: HTTP errors", () => {
  it("maps a Klarna error body (403 CAPTURE_NOT_ALLOWED)", () => {
    const e = toKlarnaError(
      axiosLike({
        code: "ERR_BAD_REQUEST",
        response: {
          status: 403,
          headers: {},
          data: {
            error_code: "CAPTURE_NOT_ALLOWED",
            error_messages: ["Captured amount is higher than the remaining authorized amount."],
            correlation_id: "corr-123",
          },
        },
      }),
      "createCapture",
      redact,
      1
    )
    expect(e).toBeInstanceOf(KlarnaError)
    expect(e).toBeInstanceOf(Error)
    expect(e).toMatchObject({
      name: "KlarnaError",
      kind: "http",
      status: 403,
      errorCode: "CAPTURE_NOT_ALLOWED",
      errorMessages: ["Captured amount is higher than the remaining authorized amount."],
      correlationId: "corr-123",
      operation: "createCapture",
      retryable: false,
      attempts: 1,
    })
    expect(e.message).toBe(
      "Klarna createCapture failed: HTTP 403 CAPTURE_NOT_ALLOWED: Captured amount is higher than the remaining authorized amount. (correlation_id corr-123)"
    )
    expectNoSecret(e)
  })

  it("parses a JSON body that arrived as text or bytes", () => {
    const body = JSON.stringify({ error_code: "NO_SUCH_ORDER", error_messages: ["no"], correlation_id: "c" })
    for (const data of [body, Buffer.from(body)]) {
      const e = toKlarnaError(axiosLike({ response: { status: 404, data, headers: {} } }), "getOrder")
      expect(e).toMatchObject({ status: 404, errorCode: "NO_SUCH_ORDER", errorMessages: ["no"], correlationId: "c" })
    }
  })

  it("keeps a short, whitespace-collapsed excerpt of a non-JSON body", () => {
    const html = "<html>\n  <body>502 Bad Gateway</body>\n</html>" + "x".repeat(1000)
    const e = toKlarnaError(axiosLike({ response: { status: 502, data: html, headers: {} } }), "getOrder")
    expect(e.kind).toBe("http")
    expect(e.errorCode).toBeUndefined()
    expect(e.errorMessages).toHaveLength(1)
    expect(e.errorMessages[0].startsWith("<html> <body>502 Bad Gateway</body> </html>")).toBe(true)
    expect(e.errorMessages[0].length).toBeLessThanOrEqual(301)
    expect(e.retryable).toBe(true)
  })

  it("copes with an empty or broken body", () => {
    for (const data of [undefined, "", "{not json", null, ["x"]]) {
      const e = toKlarnaError(axiosLike({ response: { status: 500, data, headers: {} } }), "getOrder")
      expect(e).toMatchObject({ kind: "http", status: 500, retryable: true })
      expect(e.errorCode).toBeUndefined()
    }
  })

  it("takes the correlation id from the Klarna-Correlation-Id header when the body has none", () => {
    const headers = new AxiosHeaders({ "klarna-correlation-id": "hdr-corr" })
    const e = toKlarnaError(axiosLike({ response: { status: 500, data: "", headers } }), "getOrder")
    expect(e.correlationId).toBe("hdr-corr")
  })

  it.each([
    [429, true],
    [500, true],
    [503, true],
    [400, false],
    [401, false],
    [404, false],
    [409, false],
    [422, false],
  ])("HTTP %i → retryable %s", (status, retryable) => {
    expect(toKlarnaError(axiosLike({ response: { status, data: {}, headers: {} } }), "op").retryable).toBe(retryable)
  })

  it("redacts secrets a server might echo in its messages", () => {
    const e = toKlarnaError(
      axiosLike({
        response: {
          status: 401,
          headers: {},
          data: { error_code: "UNAUTHORIZED", error_messages: [`bad credentials ${USER}:${PASSWORD}`] },
        },
      }),
      "getOrder",
      redact
    )
    expect(e.errorMessages[0]).toBe(`bad credentials ${USER}:[REDACTED]`)
    expectNoSecret(e)
  })
})

describe("toKlarnaError: network errors and timeouts", () => {
  it.each([
    ["ECONNABORTED", "timeout of 50ms exceeded"],
    ["ETIMEDOUT", "timeout of 50ms exceeded"],
  ])("%s is a timeout, retryable", (code, message) => {
    const e = toKlarnaError(axiosLike({ code, message }), "getOrder", redact, 4)
    expect(e).toMatchObject({ kind: "timeout", networkCode: code, retryable: true, attempts: 4 })
    expect(e.status).toBeUndefined()
    expect(e.message).toBe(`Klarna getOrder failed: timeout (${code}): ${message}`)
    expectNoSecret(e)
  })

  it("ECONNRESET is a retryable network error", () => {
    const e = toKlarnaError(axiosLike({ code: "ECONNRESET", message: "socket hang up" }), "createCapture", redact)
    expect(e).toMatchObject({ kind: "network", networkCode: "ECONNRESET", retryable: true })
    expect(e.message).toBe("Klarna createCapture failed: network error (ECONNRESET): socket hang up")
    expectNoSecret(e)
  })

  it.each(["ENOTFOUND", "ERR_CANCELED", "CERT_HAS_EXPIRED"])("%s is a network error, not retryable", (code) => {
    expect(toKlarnaError(axiosLike({ code, message: "x" }), "op")).toMatchObject({ kind: "network", retryable: false })
  })

  it("maps a real AxiosError without taking its config along", () => {
    const config = {
      auth: { username: USER, password: PASSWORD },
      headers: new AxiosHeaders({ Authorization: basicAuthHeader(USER, PASSWORD) }),
    }
    const ax = new AxiosError(`connect ECONNREFUSED 127.0.0.1:9 (${PASSWORD})`, "ECONNREFUSED", config as never)
    const e = toKlarnaError(ax, "getOrder", redact)
    expect(e.kind).toBe("network")
    expect(e.retryable).toBe(true)
    expect(e.message).toBe(
      "Klarna getOrder failed: network error (ECONNREFUSED): connect ECONNREFUSED 127.0.0.1:9 ([REDACTED])"
    )
    expectNoSecret(e)
  })

  it("wraps non-axios throwables", () => {
    expect(toKlarnaError(new TypeError("boom"), "op")).toMatchObject({ kind: "network", retryable: false })
    expect(toKlarnaError("weird", "op").message).toBe("Klarna op failed: network error: weird")
    expect(toKlarnaError(undefined, "op").message).toBe("Klarna op failed: network error: unknown error")
  })
})

describe("KlarnaError", () => {
  it("serializes only plain fields", () => {
    const e = new KlarnaError({
      kind: "http",
      operation: "getOrder",
      message: "m",
      status: 404,
      errorCode: "NO_SUCH_ORDER",
      errorMessages: ["x"],
      correlationId: "c",
      retryable: false,
      attempts: 1,
    })
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      name: "KlarnaError",
      message: "m",
      kind: "http",
      operation: "getOrder",
      status: 404,
      errorCode: "NO_SUCH_ORDER",
      errorMessages: ["x"],
      correlationId: "c",
      retryable: false,
      attempts: 1,
    })
  })

  it("is recognised by isKlarnaError, also across module copies", () => {
    const e = toKlarnaError({ code: "ECONNRESET" }, "op")
    expect(isKlarnaError(e)).toBe(true)
    expect(toKlarnaError(e, "other")).toBe(e)
    expect(isKlarnaError(new Error("x"))).toBe(false)
    expect(isKlarnaError(null)).toBe(false)
    expect(isKlarnaError({ name: "KlarnaError", operation: "op", kind: "http" })).toBe(true)
    expect(isKlarnaError({ name: "KlarnaError" })).toBe(false)
  })
})

describe("parseErrorBody", () => {
  it("accepts a single error_message string", () => {
    expect(parseErrorBody({ error_code: "X", error_message: "one" })).toEqual({
      errorCode: "X",
      errorMessages: ["one"],
      correlationId: undefined,
    })
  })
  it("drops non-string messages", () => {
    expect(parseErrorBody({ error_messages: ["a", 1, null, "b"] }).errorMessages).toEqual(["a", "b"])
  })
})
