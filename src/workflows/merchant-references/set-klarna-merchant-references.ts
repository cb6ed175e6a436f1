import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { setKlarnaMerchantReferencesStep } from "./steps/set-klarna-merchant-references"

export const setKlarnaMerchantReferencesWorkflowId = "klarna-set-merchant-references"
/** order.placed → the Klarna order carries the shop's order number and the Medusa order id (see the step). */
export const setKlarnaMerchantReferencesWorkflow = createWorkflow(
  setKlarnaMerchantReferencesWorkflowId,
  (input: { order_id: string }) => new WorkflowResponse(setKlarnaMerchantReferencesStep(input))
)
