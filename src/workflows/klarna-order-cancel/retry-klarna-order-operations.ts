import type { MedusaContainer } from "@medusajs/framework/types"
import { klarnaModule } from "../../modules/klarna"
import type { KlarnaOrderOperationRecord } from "./types"
import { settleCanceledKlarnaOrderWorkflow } from "./settle-canceled-klarna-order"

export type RetryKlarnaOrderOperationsInput = { order_id?: string; max_attempts?: number }

/**
 * Pending and failed cancel/release records are run again (Klarna's state decides, same keys),
 * each in its own run of the settle workflow. Used by the scheduled job.
 */
export async function retryKlarnaOrderOperations(
  container: MedusaContainer,
  input: RetryKlarnaOrderOperationsInput = {}
): Promise<KlarnaOrderOperationRecord[]> {
  const records = (await klarnaModule(container).listKlarnaOrderOperations(
    { status: ["pending", "failed"], ...(input.order_id ? { order_id: input.order_id } : {}) },
    { order: { created_at: "ASC" }, take: 200 }
  )) as unknown as KlarnaOrderOperationRecord[]
  const results: KlarnaOrderOperationRecord[] = []
  for (const record of records) {
    if (input.max_attempts !== undefined && record.attempts >= input.max_attempts) continue
    const { result } = await settleCanceledKlarnaOrderWorkflow(container).run({ input: { order_id: record.order_id } })
    if (result) results.push(result as KlarnaOrderOperationRecord)
  }
  return results
}
