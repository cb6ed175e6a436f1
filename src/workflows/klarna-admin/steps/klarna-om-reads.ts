import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { OmCapture } from "../../../lib/klarna/types"
import { getKlarnaProvider } from "../../../utils/klarna-provider-lookup"

export type KlarnaCaptureRef = { provider_id: string; klarna_order_id: string; capture_id: string }

export const getKlarnaCaptureStepId = "klarna-admin-get-capture"
/**
 * Re-reads a capture at Klarna after an action changed it, with the credentials of the provider
 * instance that authorized the order. A Klarna failure leaves as the client's KlarnaError.
 */
export const getKlarnaCaptureStep = createStep(
  getKlarnaCaptureStepId,
  async (input: KlarnaCaptureRef, { container }) => {
    const client = getKlarnaProvider(container, input.provider_id).klarnaClient()
    return new StepResponse<OmCapture>(await client.getCapture(input.klarna_order_id, input.capture_id))
  }
)
