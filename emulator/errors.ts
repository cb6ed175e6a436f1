import { randomUUID } from "node:crypto"
import type { EmulatorResponse } from "./http"

/** A refusal, answered with Klarna's error body `{correlation_id, error_code, error_messages}`. */
export class KlarnaError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    readonly messages: string[],
    readonly headers: Record<string, string> = {}
  ) {
    super(`${status} ${errorCode}: ${messages.join("; ")}`)
  }
}

export const badValue = (...messages: string[]) => new KlarnaError(400, "BAD_VALUE", messages)
export const unauthorized = () =>
  new KlarnaError(401, "UNAUTHORIZED", ["Invalid credentials"], {
    "WWW-Authenticate": 'Basic realm="Klarna"',
  })
export const notAllowed = (message: string) => new KlarnaError(403, "NOT_ALLOWED", [message])
export const captureNotAllowed = (message: string) => new KlarnaError(403, "CAPTURE_NOT_ALLOWED", [message])
export const refundNotAllowed = (message: string) => new KlarnaError(403, "REFUND_NOT_ALLOWED", [message])
export const cancelNotAllowed = (message: string) => new KlarnaError(403, "CANCEL_NOT_ALLOWED", [message])
export const noSuchOrder = (orderId: string) =>
  new KlarnaError(404, "NO_SUCH_ORDER", [`The order ${orderId} does not exist`])
export const noSuchCapture = (captureId: string) =>
  new KlarnaError(404, "NO_SUCH_CAPTURE", [`The capture ${captureId} does not exist`])
export const notFound = (message: string) => new KlarnaError(404, "NOT_FOUND", [message])
export const conflict = (errorCode: string, ...messages: string[]) => new KlarnaError(409, errorCode, messages)
export const unprocessable = (...messages: string[]) => new KlarnaError(422, "UNPROCESSABLE_ENTITY", messages)

/** The error_code Klarna uses for a bare status (faults that name no error_code). */
export function defaultErrorCode(status: number): string {
  const known: Record<number, string> = {
    400: "BAD_VALUE",
    401: "UNAUTHORIZED",
    403: "NOT_ALLOWED",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    409: "CONFLICT",
    422: "UNPROCESSABLE_ENTITY",
    429: "TOO_MANY_REQUESTS",
    503: "TEMPORARILY_UNAVAILABLE",
  }
  return known[status] ?? (status >= 500 ? "INTERNAL_SERVER_ERROR" : "BAD_VALUE")
}

export function errorResponse(error: KlarnaError): EmulatorResponse {
  const correlationId = randomUUID()
  return {
    status: error.status,
    headers: { ...error.headers, "Klarna-Correlation-Id": correlationId },
    body: {
      correlation_id: correlationId,
      error_code: error.errorCode,
      error_messages: error.messages,
    },
  }
}
