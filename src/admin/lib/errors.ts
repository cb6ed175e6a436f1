import type { KlarnaFailureDetails } from "../../lib/klarna/failure"
import type { LastError } from "./types"

/** Klarna's identifiers for a failure, for the admin to quote to Klarna's support. */
export function klarnaRefs(
  f: { error_code?: string | null; correlation_id?: string | null } | null | undefined
): string {
  if (!f) return ""
  return [
    f.error_code ? `error_code ${f.error_code}` : "",
    f.correlation_id ? `correlation_id ${f.correlation_id}` : "",
  ]
    .filter(Boolean)
    .join(" · ")
}

/**
 * Title + description of a toast for a failed admin action (KlarnaApiError, FetchError, anything).
 * `klarna` is the error body's Klarna details, or a record's last_error: both have the code,
 * messages and correlation id.
 */
export function errorToast(action: string, err: unknown): { title: string; description: string } {
  const e = err as { message?: string; klarna?: Partial<KlarnaFailureDetails> | null } | null
  const message = e?.message || "Something went wrong"
  const refs = klarnaRefs(e?.klarna)
  const messages = (e?.klarna?.error_messages ?? []).filter((m) => m && !message.includes(m))
  return {
    title: `${action} failed`,
    description: [message, messages.join("; "), refs].filter(Boolean).join(" — "),
  }
}

/** One line for a failed/pending capture record's last error. */
export function describeFailure(f: LastError | null | undefined): string {
  if (!f) return ""
  const text =
    f.message || (f.error_messages ?? []).join("; ") || (f.status ? `HTTP ${f.status}` : "Klarna could not be reached")
  // the correlation id is shown on its own line (klarnaRefs): not twice
  return f.correlation_id ? text.replace(` (correlation_id ${f.correlation_id})`, "") : text
}
