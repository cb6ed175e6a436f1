import type { FilterablePaymentProps, FilterablePaymentSessionProps, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { klarnaModule } from "../../../../modules/klarna"
import type { KlarnaCaptureRecord } from "../../../../modules/klarna/types"
import { queryRows } from "../../../../utils/query-rows"

// The reads behind "orders needing attention" (the MCP tool klarna-find-orders-needing-attention):
// indexed filters across all orders, newest first, at most `take`; no per-order walk.

/** Capture records in the given statuses, newest first. */
export const listKlarnaCaptureRecordsByStatus = (
  container: MedusaContainer,
  status: KlarnaCaptureRecord["status"][],
  take: number
) => klarnaModule(container).listKlarnaCaptures({ status }, { order: { created_at: "DESC" }, take })

/** Payments neither captured nor canceled (any provider), newest first. */
export const listOpenPayments = (container: MedusaContainer, take: number) =>
  container.resolve(Modules.PAYMENT).listPayments(
    // Medusa's filter types have no `null` (is null), which its query takes
    { captured_at: null, canceled_at: null } as unknown as FilterablePaymentProps,
    { take, order: { created_at: "DESC" } }
  )

/** Payment sessions still awaiting authorization (any provider; Klarna's: its fraud review), newest first. */
export const listPaymentSessionsAwaitingAuthorization = (container: MedusaContainer, take: number) =>
  container.resolve(Modules.PAYMENT).listPaymentSessions(
    // a filter Medusa's query takes, missing from its filter type
    { status: "pending_authorization" } as FilterablePaymentSessionProps,
    { take, order: { created_at: "DESC" } }
  )

/** Payment collection id → its order's id. */
export async function orderIdsOfPaymentCollections(
  container: MedusaContainer,
  collectionIds: string[]
): Promise<Map<string, string>> {
  if (!collectionIds.length) return new Map()
  const links = await queryRows<{ order_id: string; payment_collection_id: string }>(
    container.resolve(ContainerRegistrationKeys.QUERY),
    {
      entity: "order_payment_collection",
      fields: ["order_id", "payment_collection_id"],
      filters: { payment_collection_id: collectionIds },
    }
  )
  return new Map(links.map((l) => [l.payment_collection_id, l.order_id]))
}

/** Order id → its display id. */
export async function displayIdsOfOrders(
  container: MedusaContainer,
  orderIds: string[]
): Promise<Map<string, number | null>> {
  if (!orderIds.length) return new Map()
  const orders = await queryRows<{ id: string; display_id?: number | null }>(
    container.resolve(ContainerRegistrationKeys.QUERY),
    { entity: "order", fields: ["id", "display_id"], filters: { id: orderIds } }
  )
  return new Map(orders.map((o) => [o.id, o.display_id ?? null]))
}
