import { createWorkflow, parallelize, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { processKlarnaCaptureWorkflow } from "./process-capture"
import { locateFulfillmentCaptureStep } from "./steps/locate-fulfillment-capture"
import { readKlarnaOrderEarlyStep } from "./steps/read-klarna-order-early"
import { writeFulfillmentIntentStep } from "./steps/write-fulfillment-intent"

export const captureFulfillmentWorkflowId = "klarna-capture-fulfillment"
/**
 * A fulfillment shipped (or, with `capture_on: fulfillment`, created): capture at Klarna exactly
 * what it holds. Once the fulfillment is known to be a Klarna capture, its intent is written from
 * Medusa's data alone while Klarna's order is read; the capture itself is one pass of
 * processKlarnaCaptureWorkflow. Another capture of the order in flight → the intent waits, and
 * the order's runner (runOrderCaptures) takes it next.
 */
export const captureFulfillmentWorkflow = createWorkflow(
  captureFulfillmentWorkflowId,
  (input: { fulfillment_id: string }) => {
    const located = locateFulfillmentCaptureStep(input)
    const prepared = when("klarna-fulfillment-to-capture", { located }, ({ located }) => !!located).then(() => {
      const [written, early] = parallelize(writeFulfillmentIntentStep(located!), readKlarnaOrderEarlyStep(located!))
      return { written, early }
    })
    const record = when("klarna-fulfillment-intent-written", { prepared }, ({ prepared }) => !!prepared?.written).then(
      () =>
        processKlarnaCaptureWorkflow.runAsStep({
          input: transform({ prepared }, ({ prepared }) => ({
            record_id: prepared!.written!.intent.record.id,
            intent: prepared!.written!.intent,
            early_read: prepared!.early,
            context: prepared!.written!.context,
          })),
        })
    )
    // undefined when the fulfillment is not a Klarna capture
    return new WorkflowResponse(record as typeof record & {})
  }
)
