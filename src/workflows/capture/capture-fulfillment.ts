import { createWorkflow, parallelize, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { processKlarnaCaptureWorkflow } from "./process-capture"
import { createCaptureIntentStep } from "./steps/create-capture-intent"
import { locateFulfillmentCaptureStep } from "./steps/locate-fulfillment-capture"
import { readKlarnaOrderEarlyStep } from "./steps/read-klarna-order-early"
import { resolveFulfillmentCaptureStep } from "./steps/resolve-fulfillment-capture"

/**
 * A fulfillment shipped (or, with `capture_on: fulfillment`, created): capture at Klarna exactly
 * what it holds. Once the fulfillment is known to be a Klarna capture, Klarna's order is read
 * while the order's lines are loaded; the intent is then written from Medusa's data alone, and
 * the capture itself is one pass of processKlarnaCaptureWorkflow. Another capture of the order in
 * flight → the intent waits, and the order's runner (runOrderCaptures) takes it next.
 */
export const captureFulfillmentWorkflow = createWorkflow(
  "klarna-capture-fulfillment",
  (input: { fulfillment_id: string }) => {
    const located = locateFulfillmentCaptureStep(input)
    const loaded = when("klarna-fulfillment-to-capture", { located }, ({ located }) => !!located).then(() => {
      const [resolved, early] = parallelize(resolveFulfillmentCaptureStep(located!), readKlarnaOrderEarlyStep(located!))
      return { resolved, early }
    })
    const record = when("klarna-fulfillment-resolved", { loaded }, ({ loaded }) => !!loaded?.resolved).then(() => {
      const intent = createCaptureIntentStep(transform({ loaded }, ({ loaded }) => loaded!.resolved!))
      return processKlarnaCaptureWorkflow.runAsStep({
        input: transform({ intent, loaded }, ({ intent, loaded }) => ({
          record_id: intent.record.id,
          intent,
          early_read: loaded!.early,
          context: loaded!.resolved!.context,
        })),
      })
    })
    // undefined when the fulfillment is not a Klarna capture
    return new WorkflowResponse(record as typeof record & {})
  }
)
