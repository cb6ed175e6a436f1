import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { noteKlarnaReturnStep } from "./steps/note-klarna-return"

export const noteKlarnaReturnWorkflowId = "klarna-note-return"
/** order.return_received → the returned units' Klarna lines, for the refund that follows. */
export const noteKlarnaReturnWorkflow = createWorkflow(
  noteKlarnaReturnWorkflowId,
  (input: { order_id: string; return_id: string }) => new WorkflowResponse(noteKlarnaReturnStep(input))
)
