import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { extendKlarnaAuthorizationsStep } from "./steps/extend-klarna-authorizations"

export const extendKlarnaAuthorizationsWorkflowId = "klarna-extend-authorizations"
export const extendKlarnaAuthorizationsWorkflow = createWorkflow(
  extendKlarnaAuthorizationsWorkflowId,
  (input: { now?: string; page_size?: number }) => new WorkflowResponse(extendKlarnaAuthorizationsStep(input))
)
