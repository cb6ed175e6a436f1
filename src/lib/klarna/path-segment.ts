import { KlarnaError } from "./errors"

/**
 * Klarna's ids (order, capture, refund and session ids, authorization tokens) are UUID-like
 * strings of URL-unreserved characters. Only such a string is put into a request path, and it
 * is put there as it is: it needs no encoding, so nothing in it can be decoded, normalized or
 * resolved by an HTTP library or proxy into another path ("..", "%2e", "/", "?", "#", NUL).
 */
const PLAIN_ID = /^[A-Za-z0-9._~-]{1,1024}$/
const DOTS_ONLY = /^\.+$/

export function isPlainKlarnaId(value: unknown): value is string {
  return typeof value === "string" && PLAIN_ID.test(value) && !DOTS_ONLY.test(value)
}

/**
 * The path segment for `value`, or a KlarnaError of kind "invalid_request" (never retried,
 * nothing was sent). The value itself is not echoed: it may be anything a caller passed on.
 */
export function pathSegment(operation: string, name: string, value: unknown): string {
  if (isPlainKlarnaId(value)) return value
  const why =
    typeof value !== "string"
      ? "must be a string"
      : value.length === 0
        ? "must not be empty"
        : DOTS_ONLY.test(value)
          ? "must not be a dot segment"
          : value.length > 1024
            ? "must be at most 1024 characters"
            : "may only contain letters, digits and . _ ~ -"
  return invalidRequest(operation, `Klarna client: ${name} ${why} (not a Klarna id; nothing was sent to Klarna)`)
}

function invalidRequest(operation: string, message: string): never {
  throw new KlarnaError({ kind: "invalid_request", operation, message, retryable: false, attempts: 0 })
}
