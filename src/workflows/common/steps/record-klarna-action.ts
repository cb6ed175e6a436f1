import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { storableJson, storableText } from "../../../lib/storable-json"
import { klarnaModule } from "../../../modules/klarna"

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

const text = (v: string | null | undefined) => (typeof v === "string" ? storableText(v) : null)

/**
 * Attribution: who did what at Klarna, with what outcome. It records something that happened at
 * Klarna and cannot be undone there, so it must not fail: every string is made storable first (no
 * NUL, no lone surrogate), and should the row still be refused, it is written again without its
 * details, then, failing that, logged. A failed log write never turns a change Klarna made into an
 * error for the admin. Returns the row's id (null when it could not be written).
 *
 * Every klarna_action row is written here: by recordKlarnaActionStep, or called directly by a step
 * that writes one row per Klarna change as it goes (a step cannot run another step).
 */
export async function recordKlarnaAction(
  container: MedusaContainer,
  input: RecordKlarnaActionInput
): Promise<{ id: string | null }> {
  const klarna = klarnaModule(container)
  const row = {
    order_id: storableText(input.order_id),
    klarna_order_id: storableText(input.klarna_order_id),
    klarna_capture_id: text(input.klarna_capture_id),
    action: storableText(input.action),
    actor_id: text(input.actor_id),
    outcome: input.outcome,
  }
  const details = (input.details ? storableJson(input.details) : null) as Record<string, unknown> | null
  try {
    const action = await klarna.createKlarnaActions({ ...row, details })
    return { id: action.id as string | null }
  } catch (first) {
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    try {
      const action = await klarna.createKlarnaActions({
        ...row,
        details: { details_not_stored: (first as Error)?.message ?? "error" },
      })
      logger.warn(
        `Klarna action log: ${row.action} on order ${row.order_id} stored without its details: ${(first as Error)?.message}`
      )
      return { id: action.id as string | null }
    } catch (second) {
      logger.error(
        `Klarna action log: could not record ${row.action} (${row.outcome}) on order ${row.order_id}, Klarna order ${row.klarna_order_id}: ${(second as Error)?.message}`
      )
      return { id: null }
    }
  }
}

export const recordKlarnaActionStepId = "klarna-admin-record-action"
/** The klarna_action row of a workflow (see recordKlarnaAction); no compensation: Klarna's change stays. */
export const recordKlarnaActionStep = createStep(
  recordKlarnaActionStepId,
  async (input: RecordKlarnaActionInput, { container }) => new StepResponse(await recordKlarnaAction(container, input))
)
