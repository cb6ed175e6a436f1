import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { getExtendDueDateOptionsStep, getKlarnaCaptureStep, listKlarnaCapturesStep } from "./steps/klarna-om-reads"
import { resolveKlarnaOrderStep } from "./steps/resolve-klarna-order"

type CaptureInput = { order_id: string; capture_id: string }

/** GET /admin/klarna/orders/:id/captures */
export const listKlarnaCapturesWorkflow = createWorkflow(
  "klarna-admin-list-captures",
  (input: { order_id: string }) => {
    const ref = resolveKlarnaOrderStep({ order_id: input.order_id })
    return new WorkflowResponse(listKlarnaCapturesStep(ref))
  }
)

const captureRef = (input: CaptureInput, ref: { provider_id: string; klarna_order_id: string }) =>
  transform({ input, ref }, ({ input, ref }) => ({
    provider_id: ref.provider_id,
    klarna_order_id: ref.klarna_order_id,
    capture_id: input.capture_id,
  }))

/** GET /admin/klarna/orders/:id/captures/:capture_id */
export const getKlarnaCaptureWorkflow = createWorkflow("klarna-admin-get-capture", (input: CaptureInput) => {
  const ref = resolveKlarnaOrderStep({ order_id: input.order_id })
  return new WorkflowResponse(getKlarnaCaptureStep(captureRef(input, ref)))
})

/** GET /admin/klarna/orders/:id/captures/:capture_id/extend-due-date-options */
export const getExtendDueDateOptionsWorkflow = createWorkflow(
  "klarna-admin-get-extend-due-date-options",
  (input: CaptureInput) => {
    const ref = resolveKlarnaOrderStep({ order_id: input.order_id })
    return new WorkflowResponse(getExtendDueDateOptionsStep(captureRef(input, ref)))
  }
)
