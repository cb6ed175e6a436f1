import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { submitAuthorizationTokenStep, type SubmitAuthorizationTokenInput } from "./steps/submit-authorization-token"

export const submitKlarnaAuthorizationWorkflowId = "klarna-submit-authorization"
export const submitKlarnaAuthorizationWorkflow = createWorkflow(
  submitKlarnaAuthorizationWorkflowId,
  (input: SubmitAuthorizationTokenInput) => new WorkflowResponse(submitAuthorizationTokenStep(input))
)
