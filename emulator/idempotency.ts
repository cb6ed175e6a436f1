import { errorResponse, KlarnaError } from "./errors"
import type { EmulatorResponse } from "./http"
import type { EmulatorState } from "./state"

const WINDOW_MS = 24 * 60 * 60 * 1000

/**
 * `Klarna-Idempotency-Key` on OM POST/PATCH: within 24 h, per merchant, only the key counts —
 * a second request with it gets the first answer again (status, headers, body) and changes nothing,
 * whatever its body or path.
 *
 * Only operations that were carried out (2xx) are remembered. A refusal (400/403/404/409/422)
 * changed nothing, so a retry under the same key is evaluated afresh — e.g. a capture refused on
 * an expired authorization succeeds with the same key once the authorization was extended, which
 * is what Klarna's "executed once per key" retry guidance relies on.
 *
 * `apply` must be synchronous: lookup, execution and recording then happen in one event-loop turn,
 * so 50 concurrent requests with one key make exactly one effect.
 */
export function withIdempotency(
  state: EmulatorState,
  merchant: string,
  key: string | undefined,
  now: number,
  apply: () => EmulatorResponse
): EmulatorResponse {
  if (!key) return run(apply)
  const slot = `${merchant}\n${key}`
  const previous = state.idempotency.get(slot)
  if (previous && now - previous.at < WINDOW_MS) return previous.response
  const response = run(apply)
  if (response.status >= 200 && response.status < 300) state.idempotency.set(slot, { at: now, response })
  return response
}

function run(apply: () => EmulatorResponse): EmulatorResponse {
  try {
    return apply()
  } catch (error) {
    if (error instanceof KlarnaError) return errorResponse(error)
    throw error
  }
}
