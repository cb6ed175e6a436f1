import { klarnaFailureOf, recordedKlarnaFailure, type KlarnaError, type RecordedKlarnaFailure } from "../../lib/klarna"

/** One order line item (or shipping method) and how many of its units a capture takes. */
export type CaptureItem = { line_item_id: string; quantity: number }

/**
 * Why a record is not (yet) captured, as shown to admins (panel, admin API, MCP): Klarna's
 * failure as records keep it (captureErrorOf), or a reason of the plugin's own with its message.
 */
export interface CaptureError extends Partial<RecordedKlarnaFailure> {
  /** what stopped it when it wasn't a Klarna error: "klarna_order_state", "exceeds_plan" (Klarna holds more than the last capture may take), "order_canceled", "fraud_review", "invalid_order_data" */
  reason?: string
  /** Klarna's order status when that is the reason (CANCELLED, CLOSED, CAPTURED, …) */
  klarna_status?: string
  message: string
  at: string
}

export const captureError = (message: string, extra: Partial<CaptureError> = {}): CaptureError => ({
  message,
  ...extra,
  at: new Date().toISOString(),
})

/** Klarna's answer as the record keeps it: what an admin needs to act, or to give Klarna support. */
export const captureErrorOf = (e: KlarnaError): CaptureError => {
  const { message, ...failure } = recordedKlarnaFailure(klarnaFailureOf(e))
  return captureError(message, failure)
}
