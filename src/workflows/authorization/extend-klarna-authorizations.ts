import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { extendKlarnaAuthorizationsStep } from "./steps/extend-klarna-authorizations"

export const extendKlarnaAuthorizationsWorkflow = createWorkflow(
  "klarna-extend-authorizations",
  (input: { now?: string; page_size?: number }) => new WorkflowResponse(extendKlarnaAuthorizationsStep(input))
)
