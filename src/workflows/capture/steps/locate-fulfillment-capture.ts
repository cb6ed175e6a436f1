import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { locateFulfillmentCapture, type LocatedFulfillmentCapture } from "../fulfillment-request"

/** Fulfillment id → its order and the order's Klarna payment; null: not ours to capture. */
export const locateFulfillmentCaptureStep = createStep(
  "klarna-locate-fulfillment-capture",
  async (input: { fulfillment_id: string }, { container }) =>
    new StepResponse<LocatedFulfillmentCapture | null>(await locateFulfillmentCapture(container, input.fulfillment_id))
)
