import { basicAuthHeader, makeRedactor, redactHeaders, redactPath, redactUrl, REDACTED } from "../redact"

describe("makeRedactor", () => {
  const redact = makeRedactor("PK_user", "s3cr3t-Pa55!")
  const b64 = Buffer.from("PK_user:s3cr3t-Pa55!").toString("base64")

  it("removes the password, its URL encoding and the Basic credential", () => {
    const out = redact(`pw=s3cr3t-Pa55! enc=${encodeURIComponent("s3cr3t-Pa55!")} raw=${b64}`)
    expect(out).not.toContain("s3cr3t")
    expect(out).not.toContain(b64)
    expect(out).toBe(`pw=${REDACTED} enc=${REDACTED} raw=${REDACTED}`)
  })

  it("removes any Basic/Bearer header value, even for other credentials", () => {
    expect(redact("Authorization: Basic dXNlcjpwYXNz and Bearer abc.def")).toBe(
      `Authorization: Basic ${REDACTED} and Bearer ${REDACTED}`
    )
  })

  it("leaves other text alone", () => {
    expect(redact("HTTP 403 CAPTURE_NOT_ALLOWED")).toBe("HTTP 403 CAPTURE_NOT_ALLOWED")
    expect(redact("")).toBe("")
  })

  it("basicAuthHeader encodes user:password", () => {
    expect(basicAuthHeader("PK_user", "s3cr3t-Pa55!")).toBe(`Basic ${b64}`)
  })
})

describe("redactUrl / redactPath / redactHeaders", () => {
  it("strips userinfo from URLs", () => {
    expect(redactUrl("https://u:p@api.klarna.com/x")).toBe("https://api.klarna.com/x")
    expect(redactUrl("http://127.0.0.1:4010/x")).toBe("http://127.0.0.1:4010/x")
  })

  it("shortens a KP authorization token in a path", () => {
    expect(redactPath("/payments/v1/authorizations/abcdef1234567890/order")).toBe(
      "/payments/v1/authorizations/abcdef…/order"
    )
    expect(redactPath("/payments/v1/authorizations/abc")).toBe("/payments/v1/authorizations/…")
    expect(redactPath("/ordermanagement/v1/orders/o1")).toBe("/ordermanagement/v1/orders/o1")
  })

  it("replaces credential headers in a copy", () => {
    const h = { Authorization: "Basic x", "proxy-authorization": "y", Cookie: "c", Accept: "application/json" }
    expect(redactHeaders(h)).toEqual({
      Authorization: REDACTED,
      "proxy-authorization": REDACTED,
      Cookie: REDACTED,
      Accept: "application/json",
    })
    expect(h.Authorization).toBe("Basic x")
    expect(redactHeaders(undefined)).toEqual({})
  })
})
