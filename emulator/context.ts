import type { EmulatorRequest, EmulatorResponse, Params } from "./http"
import type { EmulatorState } from "./state"

/** What a Klarna API handler sees: the authenticated merchant (the Basic-auth username). */
export interface ApiContext {
  state: EmulatorState
  request: EmulatorRequest
  merchant: string
  now: number
}

/**
 * API handlers are synchronous on purpose: a request is applied in one turn of the event loop,
 * so an idempotency key is checked and recorded with nothing interleaving (see idempotency.ts).
 */
export type ApiHandler = (ctx: ApiContext, params: Params) => EmulatorResponse
