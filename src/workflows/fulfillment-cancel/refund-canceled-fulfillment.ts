import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { refundCanceledFulfillmentStep } from "./steps/refund-canceled-fulfillment"

export const refundCanceledFulfillmentWorkflowId = "klarna-refund-canceled-fulfillment"
/** order.fulfillment_canceled → the fulfillment's capture refunded at Klarna and in Medusa, once (see the step). */
export const refundCanceledFulfillmentWorkflow = createWorkflow(
  refundCanceledFulfillmentWorkflowId,
  (input: { fulfillment_id: string }) => {
    const lockKey = transform({ input }, ({ input }) => `klarna-canceled-fulfillment:${input.fulfillment_id}`)
    acquireLockStep({ key: lockKey, timeout: 60, ttl: 120, executeOnSubWorkflow: true })
    const record = refundCanceledFulfillmentStep(input)
    releaseLockStep({ key: lockKey, executeOnSubWorkflow: true })
    return new WorkflowResponse(record)
  }
)
