import { isKlarnaError, type KlarnaError, type KlarnaErrorKind } from "./errors"

/**
 * A Klarna failure (Klarna refused, or could not be reached) in plain fields: what the plugin
 * stores and returns wherever Klarna said no. Never credentials: only these fields.
 */
export interface KlarnaFailure {
  /** the KlarnaError's kind; "invalid_request" = refused by the client, nothing was sent */
  kind: KlarnaErrorKind | null
  /** HTTP status Klarna answered with; null when Klarna could not be reached */
  status: number | null
  error_code: string | null
  error_messages: string[]
  correlation_id: string | null
  /** one line an admin can act on (see describeKlarnaError) */
  message: string
}

/**
 * A failure as the plugin's records keep it: the action log's `details.error`, and (stamped with
 * `at`) the `last_error` of capture records and order operations. `kind` is not stored.
 */
export type RecordedKlarnaFailure = Omit<KlarnaFailure, "kind">

/**
 * The admin API error body's `klarna` part (and the MCP tool error's fields): no message (the
 * body has its own), and the status named `http_status`, apart from the response's own status.
 */
export interface KlarnaFailureDetails {
  http_status: number | null
  error_code: string | null
  error_messages: string[]
  correlation_id: string | null
}

/**
 * The HTTP status for a Klarna failure, decided once for the admin API, the MCP tools and the
 * provider's MedusaErrors (docs/admin-api.md, "Errors"): refused by the client before sending (not
 * a Klarna id) → 400; 404 → 404; 400/422 (a bad value) → 400; 403/409 (refused) → 422; 401 (the
 * provider's credentials), 408, 429, 5xx, or no answer after retries → 502; any other 4xx Klarna
 * answers (405, 410, 413, …) → 422: Klarna answered, so it is not "unavailable".
 */
export function httpStatusForKlarnaFailure({ kind, status }: Pick<Partial<KlarnaFailure>, "kind" | "status">): number {
  if (kind === "invalid_request") return 400
  if (status === 404) return 404
  if (status === 403 || status === 409) return 422
  if (status === 400 || status === 422) return 400
  if (typeof status !== "number" || status === 401 || status === 408 || status === 429 || status >= 500 || status < 400)
    return 502
  return 422
}

/** One line an admin can act on: what failed, Klarna's code, messages and correlation id. */
export function describeKlarnaError(err: KlarnaError): string {
  if (err.kind === "invalid_request") return err.message
  if (err.kind !== "http")
    return `Klarna could not be reached (${err.operation}: ${err.kind}${err.networkCode ? ` ${err.networkCode}` : ""})`
  const parts = [`Klarna refused ${err.operation}`, err.status ? `HTTP ${err.status}` : undefined, err.errorCode]
  // errorMessages may be missing from a serialized KlarnaError
  const messages = err.errorMessages?.length ? `: ${err.errorMessages.join("; ")}` : ""
  const corr = err.correlationId ? ` (correlation_id ${err.correlationId})` : ""
  return `${parts.filter(Boolean).join(" ")}${messages}${corr}`
}

/**
 * A KlarnaError, or the plain object a workflow turns it into (a step's error is serialized with
 * its toJSON), → KlarnaFailure; undefined for anything else.
 */
export function klarnaFailureOf(err: KlarnaError): KlarnaFailure
export function klarnaFailureOf(err: unknown): KlarnaFailure | undefined
export function klarnaFailureOf(err: unknown): KlarnaFailure | undefined {
  if (!isKlarnaError(err)) return undefined
  return {
    kind: err.kind,
    status: err.kind === "http" && typeof err.status === "number" ? err.status : null,
    error_code: err.errorCode ?? null,
    error_messages: Array.isArray(err.errorMessages) ? err.errorMessages : [],
    correlation_id: err.correlationId ?? null,
    message: describeKlarnaError(err),
  }
}

/** KlarnaFailure → what a record keeps (RecordedKlarnaFailure). */
export function recordedKlarnaFailure({ kind: _kind, ...recorded }: KlarnaFailure): RecordedKlarnaFailure {
  return recorded
}

/**
 * A record's stored failure (`last_error`: JSON, possibly of an older shape, or a capture held
 * back for a reason of the plugin's own, with only its message) read back, missing fields null.
 */
export function readRecordedKlarnaFailure(
  stored: Partial<RecordedKlarnaFailure> | null | undefined
): RecordedKlarnaFailure {
  return {
    status: typeof stored?.status === "number" ? stored.status : null,
    error_code: stored?.error_code ?? null,
    error_messages: Array.isArray(stored?.error_messages) ? stored.error_messages : [],
    correlation_id: stored?.correlation_id ?? null,
    message: stored?.message ?? "",
  }
}

/** Any part of a failure (a record's `last_error` has no kind) → the admin API's `klarna` details. */
export function klarnaFailureDetails(f: Partial<KlarnaFailure>): KlarnaFailureDetails {
  return {
    http_status: f.status ?? null,
    error_code: f.error_code ?? null,
    error_messages: f.error_messages ?? [],
    correlation_id: f.correlation_id ?? null,
  }
}
