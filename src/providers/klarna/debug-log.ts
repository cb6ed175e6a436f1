import type { Logger } from "@medusajs/framework/types"
import type { KlarnaLogEntry, KlarnaLogger } from "../../lib/klarna"

/** One line per Klarna attempt, e.g. `Klarna createCapture POST https://…/captures 201 12.3ms attempt 1`. */
export function formatKlarnaLogEntry(e: KlarnaLogEntry): string {
  const outcome = e.status ?? e.error_kind ?? "?"
  const extra = [
    e.error_code && `error_code=${e.error_code}`,
    e.network_code && `network_code=${e.network_code}`,
    e.correlation_id && `correlation_id=${e.correlation_id}`,
    e.idempotency_key && `idempotency_key=${e.idempotency_key}`,
  ].filter(Boolean)
  return [
    `Klarna ${e.operation} ${e.method} ${e.url} ${outcome} ${e.duration_ms}ms attempt ${e.attempt}`,
    ...extra,
  ].join(" ")
}

/**
 * The Klarna client's debug hook (its entries carry no credentials or bodies) on Medusa's logger.
 * Only installed when the logger is at debug level: the hook adds interceptors to every call.
 */
export function klarnaDebugLogger(logger: Logger | undefined): KlarnaLogger | undefined {
  if (!logger?.shouldLog?.("debug")) return undefined
  return (entry) => logger.debug(formatKlarnaLogEntry(entry))
}
