import type { MedusaContainer } from "@medusajs/framework/types"
import { klarnaModule } from "../../modules/klarna"
import type { KlarnaOrderOperationRecord } from "./types"
import { setKlarnaMerchantReferencesWorkflow } from "../merchant-references/set-klarna-merchant-references"
import { merchantReferencesKey } from "../merchant-references/steps/set-klarna-merchant-references"
import { refundCanceledFulfillmentWorkflow } from "../fulfillment-cancel/refund-canceled-fulfillment"
import { fulfillmentCanceledKey } from "../fulfillment-cancel/steps/refund-canceled-fulfillment"
import { settleCanceledKlarnaOrderWorkflow } from "./settle-canceled-klarna-order"

export type RetryKlarnaOrderOperationsInput = { order_id?: string; max_attempts?: number }

const PAGE_SIZE = 200

/** One operation again, in its own run of its workflow. */
async function runOperation(container: MedusaContainer, record: KlarnaOrderOperationRecord) {
  const { result } = record.key.startsWith(merchantReferencesKey(""))
    ? await setKlarnaMerchantReferencesWorkflow(container).run({ input: { order_id: record.order_id } })
    : record.key.startsWith(fulfillmentCanceledKey(""))
      ? await refundCanceledFulfillmentWorkflow(container).run({
          input: { fulfillment_id: record.key.slice(fulfillmentCanceledKey("").length) },
        })
      : await settleCanceledKlarnaOrderWorkflow(container).run({ input: { order_id: record.order_id } })
  return result as KlarnaOrderOperationRecord | undefined
}

/**
 * Pending and failed order operations are run again (Klarna's state decides, same keys), each in
 * its own run of its workflow: cancel/release of a canceled order (the settle workflow), the
 * merchant references of a placed one, the refund of a fulfillment canceled after its capture.
 * Oldest first and page by page; only records not yet tried `max_attempts` times are read (through
 * a partial index of open records), so neither the settled history nor the given-up records cost
 * anything. Used by the scheduled job.
 */
export async function retryKlarnaOrderOperations(
  container: MedusaContainer,
  input: RetryKlarnaOrderOperationsInput = {}
): Promise<KlarnaOrderOperationRecord[]> {
  const filters = {
    status: ["pending", "failed"],
    ...(input.order_id ? { order_id: input.order_id } : {}),
    ...(input.max_attempts !== undefined ? { attempts: { $lt: input.max_attempts } } : {}),
  }
  const results: KlarnaOrderOperationRecord[] = []
  const tried = new Set<string>()
  let from: Date | undefined
  for (;;) {
    const page = (await klarnaModule(container).listKlarnaOrderOperations(
      { ...filters, ...(from ? { created_at: { $gte: from } } : {}) },
      { order: { created_at: "ASC", id: "ASC" }, take: PAGE_SIZE }
    )) as unknown as KlarnaOrderOperationRecord[]
    const fresh = page.filter((r) => !tried.has(r.id))
    for (const record of fresh) {
      tried.add(record.id)
      const result = await runOperation(container, record)
      if (result) results.push(result)
    }
    if (page.length < PAGE_SIZE || !fresh.length) return results
    from = new Date(page[page.length - 1].created_at as unknown as string)
  }
}
