import type { MedusaContainer } from "@medusajs/framework/types"
import { klarnaModule } from "../../modules/klarna"
import type { KlarnaOrderOperationRecord } from "./types"
import { setKlarnaMerchantReferencesWorkflow } from "../merchant-references/set-klarna-merchant-references"
import { merchantReferencesKey } from "../merchant-references/steps/set-klarna-merchant-references"
import { refundCanceledFulfillmentWorkflow } from "../fulfillment-cancel/refund-canceled-fulfillment"
import { fulfillmentCanceledKey } from "../fulfillment-cancel/steps/refund-canceled-fulfillment"
import { settleCanceledKlarnaOrderWorkflow } from "./settle-canceled-klarna-order"

export type RetryKlarnaOrderOperationsInput = { order_id?: string; max_attempts?: number }

/**
 * Pending and failed order operations are run again (Klarna's state decides, same keys), each in
 * its own run of its workflow: cancel/release of a canceled order (the settle workflow), the
 * merchant references of a placed one, the refund of a fulfillment canceled after its capture. Used by the scheduled job.
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
    const { result } = record.key.startsWith(merchantReferencesKey(""))
      ? await setKlarnaMerchantReferencesWorkflow(container).run({ input: { order_id: record.order_id } })
      : record.key.startsWith(fulfillmentCanceledKey(""))
        ? await refundCanceledFulfillmentWorkflow(container).run({
            input: { fulfillment_id: record.key.slice(fulfillmentCanceledKey("").length) },
          })
        : await settleCanceledKlarnaOrderWorkflow(container).run({ input: { order_id: record.order_id } })
    if (result) results.push(result as KlarnaOrderOperationRecord)
  }
  return results
}
