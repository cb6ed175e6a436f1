import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { getKlarnaOrderStep } from "./steps/klarna-om-reads"
import { listKlarnaRecordsStep } from "./steps/list-klarna-records"
import { resolveKlarnaOrderStep } from "./steps/resolve-klarna-order"
import { actionView, captureRecordView, klarnaOrderView, orderOperationView } from "./views"

/** GET /admin/klarna/orders/:id — Klarna's view of the order plus the plugin's records. */
export const getKlarnaOrderWorkflow = createWorkflow("klarna-admin-get-order", (input: { order_id: string }) => {
  const ref = resolveKlarnaOrderStep({ order_id: input.order_id })
  const order = getKlarnaOrderStep(ref)
  const records = listKlarnaRecordsStep({ order_id: input.order_id })
  const result = transform({ ref, order, records }, ({ ref, order, records }) => ({
    klarna_order: klarnaOrderView(order),
    provider_id: ref.provider_id,
    payment_id: ref.payment_id,
    captures: order.captures ?? [],
    capture_records: records.capture_records.map(captureRecordView),
    actions: records.actions.map(actionView),
    order_operations: records.order_operations.map(orderOperationView),
  }))
  return new WorkflowResponse(result)
})
