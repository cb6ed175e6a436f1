import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { setKlarnaMerchantReferencesStep } from "./steps/set-klarna-merchant-references"

/** order.placed → the Klarna order carries the shop's order number and the Medusa order id (see the step). */
export const setKlarnaMerchantReferencesWorkflow = createWorkflow(
  "klarna-set-merchant-references",
  (input: { order_id: string }) => new WorkflowResponse(setKlarnaMerchantReferencesStep(input))
)
