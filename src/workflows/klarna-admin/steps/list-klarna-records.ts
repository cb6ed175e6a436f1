import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { KLARNA_MODULE } from "../../../modules/klarna"

/** The plugin's own records of an order: capture records (oldest first), the action log (newest first) and cancel/release records. */
export const listKlarnaRecordsStep = createStep(
  "klarna-admin-list-records",
  async (input: { order_id: string }, { container }) => {
    const klarna = container.resolve(KLARNA_MODULE) as any
    const [captureRecords, actions, orderOperations] = await Promise.all([
      klarna.listKlarnaCaptures({ order_id: input.order_id }, { order: { created_at: "ASC" }, take: null }),
      klarna.listKlarnaActions({ order_id: input.order_id }, { order: { created_at: "DESC" }, take: null }),
      klarna.listKlarnaOrderOperations({ order_id: input.order_id }, { order: { created_at: "ASC" }, take: null }),
    ])
    return new StepResponse({
      capture_records: captureRecords as any[],
      actions: actions as any[],
      order_operations: orderOperations as any[],
    })
  }
)
