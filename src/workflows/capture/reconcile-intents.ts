import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { KlarnaPaymentData } from "../../providers/klarna/session-data"
import { isKlarnaProviderId } from "../../utils/klarna-provider-lookup"
import { queryRows, type GraphQuery } from "../../utils/query-rows"
import { createCaptureIntent } from "./capture-intent"
import {
  FULFILLMENT_FIELDS,
  fulfillmentCaptureRequest,
  fulfillmentSourceKey,
  type CaptureFulfillment,
} from "./fulfillment-request"
import { loadKlarnaOrderContext } from "../common/order-context"
import { klarnaModule } from "../../modules/klarna"

/**
 * How far back the job's sweep looks: a Klarna authorization lasts 28 days unless extended, so a
 * fulfillment older than this without a record is past capturing in all but rare cases (the retry
 * route sweeps one order whatever its age).
 */
const SWEEP_LOOKBACK_DAYS = 35

export interface ReconcileScope {
  /** one order (the retry route), else every fulfillment created since `since` (the job) */
  order_id?: string
  since?: Date
}

/** A payment or payment session as the sweep's order read has it. */
interface ProviderRow {
  provider_id?: string | null
  data?: KlarnaPaymentData | null
}

/** An order_fulfillment link row. */
interface FulfillmentLink {
  order_id: string
  fulfillment_id: string
}

/** An order as the sweep reads it: which providers its payments and sessions are of. */
interface OrderProviders {
  id: string
  payment_collections?:
    ({ payments?: (ProviderRow | null)[] | null; payment_sessions?: (ProviderRow | null)[] | null } | null)[] | null
}

const isPaidWithKlarna = (order: OrderProviders) =>
  (order.payment_collections ?? []).some(
    (pc) =>
      (pc?.payments ?? []).some((p) => isKlarnaProviderId(p?.provider_id)) ||
      (pc?.payment_sessions ?? []).some((s) => isKlarnaProviderId(s?.provider_id) && s.data?.order_id)
  )

/**
 * The sweep: derives missing capture intents from Medusa's own state. Every fulfillment of a
 * Klarna order that its provider's `capture_on` captures (shipped, or created) and that has no
 * record gets one, so a lost event, a crash before the intent or a failed subscriber never loses
 * a capture. Returns the ids of the orders it created intents for.
 */
export async function reconcileCaptureIntents(container: MedusaContainer, scope: ReconcileScope): Promise<string[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const links = scope.order_id
    ? await queryRows<FulfillmentLink>(query, {
        entity: "order_fulfillment",
        fields: ["order_id", "fulfillment_id"],
        filters: { order_id: scope.order_id },
      })
    : await recentFulfillmentLinks(query, scope.since ?? new Date(Date.now() - SWEEP_LOOKBACK_DAYS * 86400_000))
  if (!links.length) return []
  const existing = await klarnaModule(container).listKlarnaCaptures(
    { source_key: links.map((l) => fulfillmentSourceKey(l.fulfillment_id)) },
    { select: ["source_key"], take: null }
  )
  const known = new Set(existing.map((r) => r.source_key))
  const missing = links.filter((l) => !known.has(fulfillmentSourceKey(l.fulfillment_id)))
  if (!missing.length) return []

  const orders = await queryRows<OrderProviders>(query, {
    entity: "order",
    fields: [
      "id",
      "payment_collections.payments.provider_id",
      "payment_collections.payment_sessions.provider_id",
      "payment_collections.payment_sessions.data",
    ],
    filters: { id: [...new Set(missing.map((l) => l.order_id))] },
  })
  const klarnaOrders = new Set(orders.filter(isPaidWithKlarna).map((o) => o.id))
  const touched = new Set<string>()
  for (const orderId of klarnaOrders) {
    const context = await loadKlarnaOrderContext(container, orderId)
    if (!context) continue
    const ids = missing.filter((l) => l.order_id === orderId).map((l) => l.fulfillment_id)
    const fulfillments = await queryRows<CaptureFulfillment>(query, {
      entity: "fulfillment",
      fields: FULFILLMENT_FIELDS,
      filters: { id: ids },
    })
    for (const f of [...fulfillments].sort((a, b) => +new Date(a.created_at) - +new Date(b.created_at))) {
      const due = fulfillmentCaptureRequest(container, orderId, f, context)
      if (!due) continue
      await createCaptureIntent(container, due.request, context)
      touched.add(orderId)
    }
  }
  return [...touched]
}

async function recentFulfillmentLinks(query: GraphQuery, since: Date): Promise<FulfillmentLink[]> {
  const fulfillments = await queryRows<{ id: string }>(query, {
    entity: "fulfillment",
    fields: ["id"],
    filters: { created_at: { $gte: since }, canceled_at: null },
  })
  if (!fulfillments.length) return []
  return queryRows<FulfillmentLink>(query, {
    entity: "order_fulfillment",
    fields: ["order_id", "fulfillment_id"],
    filters: { fulfillment_id: fulfillments.map((f) => f.id) },
  })
}
