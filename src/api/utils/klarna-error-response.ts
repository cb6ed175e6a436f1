import type { MedusaResponse } from "@medusajs/framework/http"
import {
  httpStatusForKlarnaFailure,
  klarnaFailureDetails,
  klarnaFailureOf,
  type KlarnaFailure,
  type KlarnaFailureDetails,
} from "../../lib/klarna"

/** The admin API's answer to a Klarna failure (not Klarna's own error body, `KlarnaErrorBody`). */
export interface KlarnaErrorResponseBody {
  type: "klarna_error" | "not_found" | "invalid_data"
  message: string
  klarna: KlarnaFailureDetails
  [extra: string]: unknown
}

/** Any part of a KlarnaFailure: a record's `last_error` or a workflow's recorded failure has no `kind`. */
type FailureFields = Partial<KlarnaFailure>

function messageFor(f: FailureFields, httpStatus: number): string {
  const base = (f.message ?? "").trim()
  if (httpStatus !== 502) return base || `Klarna refused the request (HTTP ${f.status})`
  if (!f.status) {
    return `Klarna could not be reached, even after retries. Nothing was changed at Klarna by this request; try again later.${base ? ` (${base})` : ""}`
  }
  if (f.status === 401) {
    return `Klarna rejected the plugin's API credentials (HTTP 401): check the provider's username/password.${base ? ` (${base})` : ""}`
  }
  return `Klarna is unavailable (HTTP ${f.status}), even after retries; try again later.${base ? ` (${base})` : ""}`
}

/** Status and body the admin API answers for a Klarna failure. */
export function klarnaErrorResponse(
  f: FailureFields,
  extra: Record<string, unknown> = {}
): { status: number; body: KlarnaErrorResponseBody } {
  const status = httpStatusForKlarnaFailure(f)
  return {
    status,
    body: {
      type: f.kind === "invalid_request" ? "invalid_data" : status === 404 ? "not_found" : "klarna_error",
      message: messageFor(f, status),
      klarna: klarnaFailureDetails(f),
      ...extra,
    },
  }
}

export function sendKlarnaFailure(res: MedusaResponse, f: FailureFields, extra?: Record<string, unknown>): void {
  const { status, body } = klarnaErrorResponse(f, extra)
  res.status(status).json(body)
}

/**
 * Runs a route body; a Klarna failure becomes the admin API's Klarna error response, anything
 * else goes on to Medusa's error handler (MedusaError NOT_FOUND → 404, INVALID_DATA → 400, …).
 */
export async function withKlarnaErrors(res: MedusaResponse, fn: () => Promise<void>): Promise<void> {
  try {
    await fn()
  } catch (e) {
    const failure = klarnaFailureOf(e)
    if (!failure) throw e
    sendKlarnaFailure(res, failure)
  }
}
