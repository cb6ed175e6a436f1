import { getHttpResponseFromError } from "@medusajs/framework/http"
import { KlarnaError, klarnaFailureOf } from "../../../lib/klarna"
import { klarnaErrorResponse } from "../../../api/utils/klarna-error-response"
import { toMedusaError } from "../klarna-medusa-error"

const http = (status: number) =>
  new KlarnaError({
    kind: "http",
    operation: "refund",
    message: "m",
    status,
    errorCode: "CODE",
    errorMessages: ["why"],
    correlationId: "corr-1",
    retryable: status >= 500 || status === 429,
  })

const failures: [string, KlarnaError][] = [
  [
    "not a Klarna id",
    new KlarnaError({ kind: "invalid_request", operation: "getOrder", message: "bad id", retryable: false }),
  ],
  [
    "no answer",
    new KlarnaError({
      kind: "network",
      operation: "getOrder",
      message: "m",
      retryable: true,
      networkCode: "ECONNRESET",
    }),
  ],
  ...[400, 401, 403, 404, 405, 408, 409, 410, 422, 429, 500, 503].map((s): [string, KlarnaError] => [
    `HTTP ${s}`,
    http(s),
  ]),
]

describe("toMedusaError", () => {
  it.each(failures)(
    "%s: Medusa's error handler answers the admin API's status (502 → 500: Medusa has no 502)",
    (_, e) => {
      const adminApiStatus = klarnaErrorResponse(klarnaFailureOf(e)).status
      const medusaStatus = getHttpResponseFromError(toMedusaError(e)).statusCode
      expect(medusaStatus).toBe(adminApiStatus === 502 ? 500 : adminApiStatus)
    }
  )

  it("keeps Klarna's code, messages and correlation id in the message, also for a serialized KlarnaError", () => {
    for (const e of [http(403), JSON.parse(JSON.stringify(http(403)))]) {
      const message = (toMedusaError(e) as Error).message
      expect(message).toBe("Klarna refused refund HTTP 403 CODE: why (correlation_id corr-1)")
    }
  })

  it("leaves anything that is not a Klarna failure as it is", () => {
    const other = new Error("db down")
    expect(toMedusaError(other)).toBe(other)
  })
})
