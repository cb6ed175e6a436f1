import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { KLARNA_MODULE } from "../../../modules/klarna"

export interface RecordKlarnaActionInput {
  order_id: string
  klarna_order_id: string
  klarna_capture_id?: string | null
  /** extend_due_date | add_shipping_info | trigger_send_out | capture | retry_captures */
  action: string
  /** the admin user (req.auth_context.actor_id) */
  actor_id?: string | null
  outcome: "succeeded" | "failed"
  details?: Record<string, unknown> | null
}

/**
 * Attribution: who did what at Klarna, with what outcome. It records something that happened at
 * Klarna and cannot be undone there, so it has no compensation.
 */
export const recordKlarnaActionStep = createStep(
  "klarna-admin-record-action",
  async (input: RecordKlarnaActionInput, { container }) => {
    const klarna = container.resolve(KLARNA_MODULE) as any
    const action = await klarna.createKlarnaActions({
      order_id: input.order_id,
      klarna_order_id: input.klarna_order_id,
      klarna_capture_id: input.klarna_capture_id ?? null,
      action: input.action,
      actor_id: input.actor_id ?? null,
      outcome: input.outcome,
      details: input.details ?? null,
    })
    return new StepResponse({ id: action.id as string })
  }
)
