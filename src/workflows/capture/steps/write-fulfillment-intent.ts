import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { loadKlarnaOrderContext } from "../../common/order-context"
import { giveBackIntentLease, writeCaptureIntent, type WrittenIntent } from "../capture-intent"
import { fulfillmentCaptureRequest, type FulfillmentCapture } from "../fulfillment-request"
import type { LocatedFulfillmentCapture } from "./locate-fulfillment-capture"

/** A located fulfillment → the capture it asks for, planned from the whole order (see fulfillmentCaptureRequest). */
async function loadFulfillmentCapture(
  container: MedusaContainer,
  located: LocatedFulfillmentCapture
): Promise<FulfillmentCapture | null> {
  const context = await loadKlarnaOrderContext(container, located.order_id)
  return context ? fulfillmentCaptureRequest(container, located.order_id, located.fulfillment, context) : null
}

export interface WrittenFulfillmentIntent extends FulfillmentCapture {
  intent: WrittenIntent
}

export const writeFulfillmentIntentStepId = "klarna-write-fulfillment-intent"
/**
 * A located fulfillment's capture intent, planned from the whole order as it is now (its lines,
 * payment and earlier captures); null when the order no longer asks for it. Runs beside Klarna's
 * order being read, so both are ready together.
 */
export const writeFulfillmentIntentStep = createStep(
  writeFulfillmentIntentStepId,
  async (located: LocatedFulfillmentCapture, { container }) => {
    const due = await loadFulfillmentCapture(container, located)
    if (!due) return new StepResponse<WrittenFulfillmentIntent | null>(null)
    const intent = await writeCaptureIntent(container, due.request, due.context)
    return new StepResponse<WrittenFulfillmentIntent | null>({ ...due, intent })
  },
  async (written, { container }) => giveBackIntentLease(container, written?.intent)
)
