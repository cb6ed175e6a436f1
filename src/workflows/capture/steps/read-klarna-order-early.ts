import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { isKlarnaError } from "../../../lib/klarna"
import type { OmOrder } from "../../../lib/klarna/types"
import { getKlarnaProvider } from "../../../utils/klarna-provider-lookup"
import { captureErrorOf, type CaptureError } from "../types"

/** Klarna's order read while the intent is written; the send step uses it if it still holds (plan/early-read). */
export interface EarlyKlarnaRead {
  order?: OmOrder
  /** Klarna's refusal, or no answer: the send step records it as its own read's */
  error?: { last_error: CaptureError; retryable: boolean }
}

export const readKlarnaOrderEarlyStepId = "klarna-read-order-early"
/**
 * Reads Klarna's order in parallel with writing the capture's intent, so a shipment's capture
 * pays one Klarna round trip less on its way. Skipped when another capture of the order holds
 * its lease: that holder captures this one next, with a read of its own.
 */
export const readKlarnaOrderEarlyStep = createStep(
  readKlarnaOrderEarlyStepId,
  async (input: { provider_id: string; klarna_order_id: string; capture_in_flight: boolean }, { container }) => {
    if (input.capture_in_flight) return new StepResponse<EarlyKlarnaRead | null>(null)
    const client = getKlarnaProvider(container, input.provider_id).klarnaClient()
    try {
      return new StepResponse<EarlyKlarnaRead | null>({ order: await client.getOrder(input.klarna_order_id) })
    } catch (e) {
      if (!isKlarnaError(e)) throw e
      return new StepResponse<EarlyKlarnaRead | null>({
        error: { last_error: captureErrorOf(e), retryable: e.retryable },
      })
    }
  }
)
