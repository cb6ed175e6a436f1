import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { processKlarnaCaptureWorkflow } from "./process-capture"
import { createCaptureIntentStep } from "./steps/create-capture-intent"
import { resolveFulfillmentCaptureStep } from "./steps/resolve-fulfillment-capture"

/**
 * A fulfillment shipped (or, with `capture_on: fulfillment`, created): capture at Klarna exactly
 * what it holds. Its intent is written first, from Medusa's data alone; the capture itself is one
 * pass of processKlarnaCaptureWorkflow. Another capture of the order in flight → the intent
 * waits, and the order's runner (runOrderCaptures) takes it next.
 */
export const captureFulfillmentWorkflow = createWorkflow(
  "klarna-capture-fulfillment",
  (input: { fulfillment_id: string }) => {
    const resolved = resolveFulfillmentCaptureStep(input)
    const record = when("klarna-fulfillment-to-capture", { resolved }, ({ resolved }) => !!resolved).then(() => {
      const intent = createCaptureIntentStep(resolved!)
      return processKlarnaCaptureWorkflow.runAsStep({
        input: transform({ intent, resolved }, ({ intent, resolved }) => ({
          record_id: intent.id,
          context: resolved!.context,
        })),
      })
    })
    // undefined when the fulfillment is not a Klarna capture
    return new WorkflowResponse(record as typeof record & {})
  }
)
