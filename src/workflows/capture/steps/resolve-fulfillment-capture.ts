import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { loadFulfillmentCapture, type FulfillmentCapture, type LocatedFulfillmentCapture } from "../fulfillment-request"

/** A located fulfillment → the order with its lines and the capture the fulfillment asks for. */
export const resolveFulfillmentCaptureStep = createStep(
  "klarna-resolve-fulfillment-capture",
  async (located: LocatedFulfillmentCapture, { container }) =>
    new StepResponse<FulfillmentCapture | null>(await loadFulfillmentCapture(container, located))
)
