import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { KlarnaOrderContext } from "../../common/order-context"
import { giveBackIntentLease, writeCaptureIntent } from "../capture-intent"
import type { CaptureRequest } from "../types"

export const createCaptureIntentStepId = "klarna-create-capture-intent"
/** Writes the intent of a capture asked for by hand (fulfillments: writeFulfillmentIntentStep). */
export const createCaptureIntentStep = createStep(
  createCaptureIntentStepId,
  async (input: { request: CaptureRequest; context: KlarnaOrderContext }, { container }) =>
    new StepResponse(await writeCaptureIntent(container, input.request, input.context)),
  async (written, { container }) => giveBackIntentLease(container, written)
)
