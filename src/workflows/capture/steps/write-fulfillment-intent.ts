import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { loadFulfillmentCapture, type FulfillmentCapture, type LocatedFulfillmentCapture } from "../fulfillment-request"
import { giveBackIntentLease, writeCaptureIntent, type WrittenIntent } from "../capture-intent"

export interface WrittenFulfillmentIntent extends FulfillmentCapture {
  intent: WrittenIntent
}

/**
 * A located fulfillment's capture intent, planned from the whole order as it is now (its lines,
 * payment and earlier captures); null when the order no longer asks for it. Runs beside Klarna's
 * order being read, so both are ready together.
 */
export const writeFulfillmentIntentStep = createStep(
  "klarna-write-fulfillment-intent",
  async (located: LocatedFulfillmentCapture, { container }) => {
    const due = await loadFulfillmentCapture(container, located)
    if (!due) return new StepResponse<WrittenFulfillmentIntent | null>(null)
    const intent = await writeCaptureIntent(container, due.request, due.context)
    return new StepResponse<WrittenFulfillmentIntent | null>({ ...due, intent })
  },
  async (written, { container }) => giveBackIntentLease(container, written?.intent)
)
