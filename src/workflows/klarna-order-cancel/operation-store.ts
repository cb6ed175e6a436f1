import type { MedusaContainer } from "@medusajs/framework/types"
import { klarnaModule } from "../../modules/klarna"
import { loadKlarnaOrderContext } from "../common/order-context"
import { orderCanceledKey, type KlarnaOrderOperationRecord } from "./types"

async function findByKey(container: MedusaContainer, key: string): Promise<KlarnaOrderOperationRecord | undefined> {
  const [record] = await klarnaModule(container).listKlarnaOrderOperations({ key })
  return record
}

/**
 * The order's "canceled" record, created on first sight (the unique key makes a second, concurrent
 * delivery of order.canceled find the first one's). Null when the order isn't paid with Klarna.
 */
export async function findOrCreateCancelRecord(
  container: MedusaContainer,
  orderId: string
): Promise<KlarnaOrderOperationRecord | null> {
  const key = orderCanceledKey(orderId)
  const existing = await findByKey(container, key)
  if (existing) return existing
  const context = await loadKlarnaOrderContext(container, orderId)
  if (!context) return null
  try {
    return await klarnaModule(container).createKlarnaOrderOperations({
      key,
      order_id: orderId,
      provider_id: context.provider_id,
      klarna_order_id: context.klarna_order_id,
    })
  } catch (e) {
    const raced = await findByKey(container, key)
    if (raced) return raced
    throw e
  }
}

export async function updateOperationRecord(
  container: MedusaContainer,
  id: string,
  patch: Partial<KlarnaOrderOperationRecord>
): Promise<KlarnaOrderOperationRecord> {
  return klarnaModule(container).updateKlarnaOrderOperations({ id, ...patch })
}
