import type { MedusaContainer } from "@medusajs/framework/types"
import { actionView, authorizationRefusalView, captureRecordView, klarnaOrderView, orderOperationView } from "../views"
import { klarnaClientFor } from "./klarna-captures"
import { payoutsOfOrder } from "./klarna-payouts"
import { listKlarnaRecords } from "./klarna-records"

/** Klarna's view of the order (with its captures) plus the plugin's records of it. */
export async function getKlarnaOrderDetails(container: MedusaContainer, orderId: string) {
  const { ref, client } = await klarnaClientFor(container, orderId)
  const [order, records] = await Promise.all([
    client.getOrder(ref.klarna_order_id),
    listKlarnaRecords(container, orderId),
  ])
  const payouts = await payoutsOfOrder(container, {
    capture_ids: (order.captures ?? []).map((c) => c.capture_id),
    refund_ids: (order.refunds ?? []).map((r) => r.refund_id).filter((id): id is string => !!id),
  })
  return {
    klarna_order: klarnaOrderView(order),
    payouts,
    authorization_refusal: authorizationRefusalView(order, records.actions),
    provider_id: ref.provider_id,
    payment_id: ref.payment_id,
    captures: order.captures ?? [],
    capture_records: records.capture_records.map(captureRecordView),
    actions: records.actions.map(actionView),
    order_operations: records.order_operations.map(orderOperationView),
  }
}
