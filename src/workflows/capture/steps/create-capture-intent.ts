import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { createCaptureIntent } from "../create-intent"
import type { KlarnaOrderContext } from "../order-context"
import type { CaptureRequest } from "../types"

/**
 * Writes the capture's intent (see createCaptureIntent). No compensation: the intent is the
 * durable promise that the capture happens, whatever fails after it.
 */
export const createCaptureIntentStep = createStep(
  "klarna-create-capture-intent",
  async (input: { request: CaptureRequest; context: KlarnaOrderContext }, { container }) =>
    new StepResponse(await createCaptureIntent(container, input.request, input.context))
)
