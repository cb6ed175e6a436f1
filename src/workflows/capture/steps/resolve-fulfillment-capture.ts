import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { loadFulfillmentCapture, type FulfillmentCapture } from "../fulfillment-request"

/** Fulfillment id → its order, the order's Klarna payment and the capture it asks for; null: not ours to capture. */
export const resolveFulfillmentCaptureStep = createStep(
  "klarna-resolve-fulfillment-capture",
  async (input: { fulfillment_id: string }, { container }) =>
    new StepResponse<FulfillmentCapture | null>(await loadFulfillmentCapture(container, input.fulfillment_id))
)
