import type { CallbackAttempt, EmulatorState } from "./state"

const TRIES = 3
const ATTEMPT_TIMEOUT_MS = 5000

/**
 * Klarna's server-to-server callbacks (merchant_urls.authorization / .notification): JSON POSTs,
 * 3 tries with exponential backoff starting at `backoffMs` (Klarna: 1 s). The first attempt is
 * awaited so tests see its outcome; retries run in the background and stop when the emulator closes.
 * Every attempt is recorded in `state.callbacks`.
 */
export class Callbacks {
  private readonly timers = new Set<NodeJS.Timeout>()
  private stopped = false

  constructor(
    private readonly state: EmulatorState,
    private readonly backoffMs: number
  ) {}

  async send(kind: CallbackAttempt["kind"], url: string, body: unknown): Promise<CallbackAttempt> {
    const first = await this.attempt(kind, url, body, 1)
    if (!isSuccess(first)) this.scheduleRetry(kind, url, body, 2)
    return first
  }

  stop(): void {
    this.stopped = true
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }

  private scheduleRetry(kind: CallbackAttempt["kind"], url: string, body: unknown, attempt: number): void {
    if (this.stopped || attempt > TRIES) return
    const timer = setTimeout(
      async () => {
        this.timers.delete(timer)
        if (this.stopped) return
        const result = await this.attempt(kind, url, body, attempt)
        if (!isSuccess(result)) this.scheduleRetry(kind, url, body, attempt + 1)
      },
      this.backoffMs * 2 ** (attempt - 2)
    )
    timer.unref()
    this.timers.add(timer)
  }

  private async attempt(
    kind: CallbackAttempt["kind"],
    url: string,
    body: unknown,
    attempt: number
  ): Promise<CallbackAttempt> {
    const record: CallbackAttempt = { kind, url, body, attempt, status: 0, at: new Date().toISOString() }
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "User-Agent": "Klarna-Emulator" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      })
      await response.arrayBuffer()
      record.status = response.status
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error)
    }
    this.state.callbacks.push(record)
    return record
  }
}

const isSuccess = (attempt: CallbackAttempt) => attempt.status >= 200 && attempt.status < 300

/** Klarna's placeholders in merchant URLs. */
export function fillPlaceholders(url: string, ids: { sessionId?: string; orderId?: string }): string {
  let filled = url
  if (ids.sessionId) filled = filled.split("{session.id}").join(encodeURIComponent(ids.sessionId))
  if (ids.orderId) filled = filled.split("{checkout.order.id}").join(encodeURIComponent(ids.orderId))
  return filled
}
