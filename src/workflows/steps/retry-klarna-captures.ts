import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { captureKlarnaWorkflow } from "../capture-klarna-workflow"
import { klarnaModule } from "../klarna-capture/record-store"
import type { KlarnaCaptureRecord } from "../klarna-capture/types"

export type RetryKlarnaCapturesInput = {
  order_id?: string
  actor_id?: string
  /** leave records alone that were tried this many times (the scheduled job; admins can always retry) */
  max_attempts?: number
}

/** Runs every pending or failed capture record again, each with its stored plan and key. */
export const retryKlarnaCapturesStep = createStep(
  "klarna-retry-captures",
  async (input: RetryKlarnaCapturesInput, { container }) => {
    const module = klarnaModule(container)
    const records = (await module.listKlarnaCaptures(
      { status: ["pending", "failed"], ...(input.order_id ? { order_id: input.order_id } : {}) },
      { order: { created_at: "ASC" }, take: 200 }
    )) as unknown as KlarnaCaptureRecord[]
    const results: KlarnaCaptureRecord[] = []
    for (const record of records) {
      if (input.max_attempts !== undefined && record.attempts >= input.max_attempts) continue
      const { result } = await captureKlarnaWorkflow(container).run({
        input: { order_id: record.order_id, source_key: record.source_key },
      })
      results.push(result as KlarnaCaptureRecord)
      if (input.actor_id) {
        await module.createKlarnaActions({
          order_id: record.order_id,
          klarna_order_id: record.klarna_order_id,
          klarna_capture_id: result?.klarna_capture_id ?? null,
          action: "retry_capture",
          actor_id: input.actor_id,
          outcome: result?.status === "succeeded" ? "succeeded" : "failed",
          details: { capture_record_id: record.id, status: result?.status, last_error: result?.last_error ?? null },
        } as any)
      }
    }
    return new StepResponse(results)
  }
)
