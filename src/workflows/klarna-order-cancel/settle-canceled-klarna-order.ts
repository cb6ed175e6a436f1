import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { recordKlarnaActionStep } from "../common/steps/record-klarna-action"
import { settleCanceledKlarnaOrderStep } from "./steps/settle-canceled-klarna-order"
import { updateKlarnaOrderOperationStep } from "./steps/update-klarna-order-operation"

export const settleCanceledKlarnaOrderWorkflowId = "klarna-settle-canceled-order"
/**
 * order.canceled → cancel or release at Klarna, once per order (see the step) → the action-log
 * row of what Klarna did or refused → the order-operation record's outcome.
 */
export const settleCanceledKlarnaOrderWorkflow = createWorkflow(
  settleCanceledKlarnaOrderWorkflowId,
  (input: { order_id: string }) => {
    const lockKey = transform({ input }, ({ input }) => `klarna-order-operation:${input.order_id}`)
    acquireLockStep({ key: lockKey, timeout: 60, ttl: 120, executeOnSubWorkflow: true })
    const settled = settleCanceledKlarnaOrderStep(input)
    when({ settled }, ({ settled }) => !!settled.action).then(() => {
      recordKlarnaActionStep(transform({ settled }, ({ settled }) => settled.action!))
    })
    const record = updateKlarnaOrderOperationStep(
      transform({ settled }, ({ settled }) => ({ record: settled.record, patch: settled.patch }))
    )
    releaseLockStep({ key: lockKey, executeOnSubWorkflow: true })
    return new WorkflowResponse(record)
  }
)
