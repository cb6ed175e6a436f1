import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { carryKlarnaOrderOverStep } from "./steps/carry-klarna-order-over"
import { loadOrderChangeStep, type LoadOrderChangeInput } from "./steps/load-order-change"
import { releaseWhenNothingLeftStep } from "./steps/release-when-nothing-left"
import { settleMedusaCollectionsStep } from "./steps/settle-medusa-collections"
import { updateKlarnaAuthorizationStep } from "./steps/update-klarna-authorization"

export const followKlarnaOrderChangeWorkflowId = "klarna-follow-order-change"

/**
 * After a Medusa order change (edit, return, claim, exchange) or a capture: the order's one Klarna
 * order follows it. Klarna's authorization takes the order's new lines, nothing left to ship
 * releases the rest, a collection Medusa opened for the change is paid by the same Klarna order,
 * and collections Medusa closed ask no more than they captured. Everything is derived from Medusa
 * and Klarna as they are now, so a duplicate event or a rerun changes nothing twice.
 */
export const followKlarnaOrderChangeWorkflow = createWorkflow(
  followKlarnaOrderChangeWorkflowId,
  (input: LoadOrderChangeInput) => {
    const lockKey = transform({ input }, ({ input }) => `klarna-order-change:${input.order_id}`)
    acquireLockStep({ key: lockKey, timeout: 60, ttl: 120, executeOnSubWorkflow: true })
    const state = loadOrderChangeStep(input)
    const authorization = updateKlarnaAuthorizationStep(state)
    const release = releaseWhenNothingLeftStep(state)
    const carried = carryKlarnaOrderOverStep(state)
    settleMedusaCollectionsStep(state)
    releaseLockStep({ key: lockKey, executeOnSubWorkflow: true })
    // plain data, not the steps' handles: the published declaration then names no framework internals
    const result = transform({ state, authorization, release, carried }, (outcome) => outcome)
    return new WorkflowResponse(result)
  }
)
