import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { resolveKlarnaOrder, type KlarnaOrderRef } from "../../../utils/klarna-order-ref"

export const resolveKlarnaOrderStepId = "klarna-admin-resolve-order"
/** The admin reads' resolveKlarnaOrder as a step of the capture-action workflows (NOT_FOUND → 404). */
export const resolveKlarnaOrderStep = createStep(
  resolveKlarnaOrderStepId,
  async (input: { order_id: string }, { container }) =>
    new StepResponse<KlarnaOrderRef>(await resolveKlarnaOrder(container, input.order_id))
)
