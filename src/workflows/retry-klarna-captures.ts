import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { retryKlarnaCapturesStep, type RetryKlarnaCapturesInput } from "./steps/retry-klarna-captures"

export const retryKlarnaCapturesWorkflow = createWorkflow("klarna-retry-captures", (input: RetryKlarnaCapturesInput) => {
  return new WorkflowResponse(retryKlarnaCapturesStep(input))
})
