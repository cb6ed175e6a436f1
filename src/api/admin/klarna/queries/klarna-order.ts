import type { MedusaContainer } from "@medusajs/framework/types"
import { resolveKlarnaOrder } from "../../../../utils/klarna-order-ref"
import { getKlarnaProvider } from "../../../../utils/klarna-provider-lookup"
import { actionView, captureRecordView, klarnaOrderView, orderOperationView } from "../views"
import { listKlarnaRecords } from "./klarna-records"

/** Klarna's view of the order (with its captures) plus the plugin's records of it. */
export async function getKlarnaOrderDetails(container: MedusaContainer, orderId: string) {
  const ref = await resolveKlarnaOrder(container, orderId)
  const [order, records] = await Promise.all([
    getKlarnaProvider(container, ref.provider_id).klarnaClient().getOrder(ref.klarna_order_id),
    listKlarnaRecords(container, orderId),
  ])
  return {
    klarna_order: klarnaOrderView(order),
    provider_id: ref.provider_id,
    payment_id: ref.payment_id,
    captures: order.captures ?? [],
    capture_records: records.capture_records.map(captureRecordView),
    actions: records.actions.map(actionView),
    order_operations: records.order_operations.map(orderOperationView),
  }
}
