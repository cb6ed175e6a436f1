import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { settleCanceledKlarnaOrderStep } from "./steps/settle-canceled-klarna-order"

/** order.canceled → cancel or release at Klarna, once per order (see the step). */
export const settleCanceledKlarnaOrderWorkflow = createWorkflow(
  "klarna-settle-canceled-order",
  (input: { order_id: string }) => {
    const lockKey = transform({ input }, ({ input }) => `klarna-order-operation:${input.order_id}`)
    acquireLockStep({ key: lockKey, timeout: 60, ttl: 120, executeOnSubWorkflow: true })
    const record = settleCanceledKlarnaOrderStep(input)
    releaseLockStep({ key: lockKey, executeOnSubWorkflow: true } as any)
    return new WorkflowResponse(record)
  }
)
