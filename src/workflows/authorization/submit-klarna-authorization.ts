import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { submitAuthorizationTokenStep, type SubmitAuthorizationTokenInput } from "./steps/submit-authorization-token"

export const submitKlarnaAuthorizationWorkflow = createWorkflow(
  "klarna-submit-authorization",
  (input: SubmitAuthorizationTokenInput) => new WorkflowResponse(submitAuthorizationTokenStep(input))
)
