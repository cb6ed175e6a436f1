import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { updateOperationRecord } from "../operation-store"
import type { KlarnaOrderOperationRecord } from "../types"

export const updateKlarnaOrderOperationStepId = "klarna-update-order-operation"
/**
 * Ends an attempt on an order-operation record (status, attempts, Klarna's status or error);
 * without a patch the record is returned as it is. No compensation: it records what Klarna did.
 */
export const updateKlarnaOrderOperationStep = createStep(
  updateKlarnaOrderOperationStepId,
  async (
    input: { record: KlarnaOrderOperationRecord | null; patch: Partial<KlarnaOrderOperationRecord> | null },
    { container }
  ) => {
    if (!input.record || !input.patch) return new StepResponse(input.record)
    return new StepResponse(await updateOperationRecord(container, input.record.id, input.patch))
  }
)
