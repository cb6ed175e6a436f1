import type { Redactor } from "./redact"

/** invalid_request: the client refused the call before sending anything (e.g. a path id that is not a plain Klarna id) */
export type KlarnaErrorKind = "http" | "network" | "timeout" | "invalid_request"

export interface KlarnaErrorInit {
  kind: KlarnaErrorKind
  operation: string
  message: string
  status?: number
  errorCode?: string
  errorMessages?: string[]
  correlationId?: string
  retryable: boolean
  /** requests sent, including the first */
  attempts?: number
  /** Node/axios error code for network errors and timeouts, e.g. ECONNRESET */
  networkCode?: string
}

export interface KlarnaErrorJSON {
  name: "KlarnaError"
  message: string
  kind: KlarnaErrorKind
  operation: string
  status?: number
  errorCode?: string
  errorMessages: string[]
  correlationId?: string
  retryable: boolean
  attempts?: number
  networkCode?: string
}

/**
 * The one error the client throws. Built from plain values only: it never holds the request
 * config, headers or the underlying axios error (those carry the credentials), and has no
 * `cause`.
 */
export class KlarnaError extends Error {
  readonly kind: KlarnaErrorKind
  readonly status?: number
  readonly errorCode?: string
  readonly errorMessages: string[]
  readonly correlationId?: string
  readonly operation: string
  /** true for network errors, timeouts, 5xx and 429: trying again later may succeed */
  readonly retryable: boolean
  readonly attempts?: number
  readonly networkCode?: string

  constructor(init: KlarnaErrorInit) {
    super(init.message)
    this.name = "KlarnaError"
    this.kind = init.kind
    this.operation = init.operation
    this.status = init.status
    this.errorCode = init.errorCode
    this.errorMessages = init.errorMessages ?? []
    this.correlationId = init.correlationId
    this.retryable = init.retryable
    this.attempts = init.attempts
    this.networkCode = init.networkCode
  }

  toJSON(): KlarnaErrorJSON {
    return {
      name: "KlarnaError",
      message: this.message,
      kind: this.kind,
      operation: this.operation,
      status: this.status,
      errorCode: this.errorCode,
      errorMessages: this.errorMessages,
      correlationId: this.correlationId,
      retryable: this.retryable,
      attempts: this.attempts,
      networkCode: this.networkCode,
    }
  }
}

export function isKlarnaError(e: unknown): e is KlarnaError {
  if (e instanceof KlarnaError) {
    return true
  }
  // a second copy of this module (e.g. built plugin + sources in one process)
  const o = e as { name?: unknown; operation?: unknown; kind?: unknown } | null
  return (
    !!o &&
    typeof o === "object" &&
    o.name === "KlarnaError" &&
    typeof o.operation === "string" &&
    (o.kind === "http" || o.kind === "network" || o.kind === "timeout" || o.kind === "invalid_request")
  )
}

/** Error codes meaning "no answer in time" (axios uses ECONNABORTED, or ETIMEDOUT when clarified). */
export const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  "ECONNABORTED",
  "ETIMEDOUT",
  "ESOCKETTIMEDOUT",
  "ERR_SOCKET_CONNECTION_TIMEOUT",
])

/**
 * Network failures worth another attempt: the connection failed or broke. The request may or
 * may not have reached Klarna, which is why OM calls carry an idempotency key.
 * Not here (so not retried): DNS "no such host", TLS/certificate errors, invalid URLs,
 * caller cancellation: retrying cannot fix those.
 */
export const RETRYABLE_NETWORK_CODES: ReadonlySet<string> = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "ENETRESET",
  "ENOTCONN",
  "ERR_SOCKET_CLOSED",
  "ERR_STREAM_PREMATURE_CLOSE",
  "ERR_NETWORK",
  // axios: the response stream was aborted after the status line ("stream has been aborted")
  "ERR_BAD_RESPONSE",
])

/** True when the status/code of an error (axios-like or KlarnaError) warrants a retry. */
export function isRetryableFailure(status: number | undefined, code: string | undefined): boolean {
  if (typeof status === "number" && status > 0) {
    return status === 429 || (status >= 500 && status <= 599)
  }
  if (!code) {
    return false
  }
  return TIMEOUT_CODES.has(code) || RETRYABLE_NETWORK_CODES.has(code)
}

/** What an axios error (or a look-alike in tests) offers. Only these fields are ever read. */
export interface AxiosLikeError {
  message?: unknown
  code?: unknown
  response?: { status?: unknown; data?: unknown; headers?: unknown } | undefined
}

const MAX_TEXT = 300

function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== "object") {
    return undefined
  }
  const h = headers as Record<string, unknown> & { get?: (n: string) => unknown }
  let v = h[name]
  if (v === undefined && typeof h.get === "function") {
    try {
      v = h.get(name)
    } catch {
      v = undefined
    }
  }
  if (Array.isArray(v)) {
    v = v[0]
  }
  return typeof v === "string" && v.length > 0 ? v : undefined
}

/** Reads a Klarna error body from whatever axios produced: object, JSON text, other text, bytes. */
export function parseErrorBody(data: unknown): {
  errorCode?: string
  errorMessages: string[]
  correlationId?: string
} {
  let body: unknown = data
  if (Buffer.isBuffer(body)) {
    body = body.toString("utf8")
  } else if (body instanceof ArrayBuffer) {
    body = Buffer.from(body).toString("utf8")
  }
  if (typeof body === "string") {
    const text = body.trim()
    if (text.startsWith("{")) {
      try {
        body = JSON.parse(text)
      } catch {
        body = text
      }
    } else {
      body = text
    }
  }
  if (typeof body === "string") {
    const text = body.replace(/\s+/g, " ").trim()
    return { errorMessages: text ? [text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) + "…" : text] : [] }
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    return { errorMessages: [] }
  }
  const b = body as Record<string, unknown>
  const messages = Array.isArray(b.error_messages)
    ? b.error_messages.filter((m): m is string => typeof m === "string")
    : typeof b.error_message === "string"
      ? [b.error_message]
      : []
  return {
    errorCode: typeof b.error_code === "string" ? b.error_code : undefined,
    errorMessages: messages,
    correlationId: typeof b.correlation_id === "string" ? b.correlation_id : undefined,
  }
}

const identity: Redactor = (s) => s

/**
 * Maps anything thrown during a request (normally an AxiosError) to a KlarnaError, copying
 * plain values only. Every text taken over goes through `redact`.
 */
export function toKlarnaError(
  err: unknown,
  operation: string,
  redact: Redactor = identity,
  attempts?: number
): KlarnaError {
  if (isKlarnaError(err)) {
    return err
  }
  const e = (err && typeof err === "object" ? err : {}) as AxiosLikeError
  const res = e.response
  const status = res && typeof res.status === "number" ? res.status : undefined

  if (status !== undefined) {
    const parsed = parseErrorBody(res!.data)
    const errorMessages = parsed.errorMessages.map(redact)
    const correlationId = parsed.correlationId ?? headerValue(res!.headers, "klarna-correlation-id")
    const errorCode = parsed.errorCode ? redact(parsed.errorCode) : undefined
    let message = `Klarna ${operation} failed: HTTP ${status}`
    if (errorCode) message += ` ${errorCode}`
    if (errorMessages.length) message += `: ${errorMessages.join("; ")}`
    if (correlationId) message += ` (correlation_id ${correlationId})`
    return new KlarnaError({
      kind: "http",
      operation,
      message,
      status,
      errorCode,
      errorMessages,
      correlationId,
      retryable: isRetryableFailure(status, undefined),
      attempts,
    })
  }

  const code = typeof e.code === "string" ? e.code : undefined
  const rawMessage = typeof e.message === "string" ? e.message : typeof err === "string" ? err : "unknown error"
  const detail = redact(rawMessage)
  if (code && TIMEOUT_CODES.has(code)) {
    return new KlarnaError({
      kind: "timeout",
      operation,
      message: `Klarna ${operation} failed: timeout (${code}): ${detail}`,
      retryable: true,
      attempts,
      networkCode: code,
    })
  }
  return new KlarnaError({
    kind: "network",
    operation,
    message: `Klarna ${operation} failed: network error${code ? ` (${code})` : ""}: ${detail}`,
    retryable: isRetryableFailure(undefined, code),
    attempts,
    networkCode: code,
  })
}
