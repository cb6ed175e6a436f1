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
import { sweepCandidates, type SweepCandidate } from "./sweep-candidates"

/**
 * How far back the sweep ever looks: a Klarna authorization lasts 28 days unless extended, so a
 * fulfillment older than this without a record is past capturing in all but rare cases (the retry
 * route sweeps one order whatever its age).
 */
const SWEEP_LOOKBACK_DAYS = 35
/** The sweep's name in the module's sweep state (its mark). */
export const CAPTURE_SWEEP = "capture-intents"
/**
 * How far before its mark a sweep starts reading again. A fulfillment's updated_at is the writing
 * process's clock at the write, and its transaction commits later: one written just before the
 * last sweep read but committed after it, or by a process whose clock runs behind the database's,
 * carries a time before the mark. Ten minutes covers both with room (KLARNA_SWEEP_OVERLAP_MS).
 */
export const sweepOverlapMs = () => Number(process.env.KLARNA_SWEEP_OVERLAP_MS) || 10 * 60_000
const PAGE_SIZE = 200

export interface ReconcileScope {
  /** one order (the retry route), else the fulfillments changed since the sweep's mark (the job) */
  order_id?: string
  /** the job's sweep from this time instead of its mark (the mark is then left alone) */
  since?: Date
}

/** A payment or payment session as the sweep's order read has it. */
interface ProviderRow {
  provider_id?: string | null
  data?: KlarnaPaymentData | null
}

/** An order as the one-order sweep reads it: which providers its payments and sessions are of. */
interface OrderProviders {
  id: string
  payment_collections?:
    ({ payments?: (ProviderRow | null)[] | null; payment_sessions?: (ProviderRow | null)[] | null } | null)[] | null
}

type Link = Pick<SweepCandidate, "order_id" | "fulfillment_id">

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
 *
 * The job's sweep reads only fulfillments changed since its last run (less an overlap), in pages,
 * of Klarna orders without a record (in SQL): its cost follows what is new, not the store's history.
 */
export async function reconcileCaptureIntents(container: MedusaContainer, scope: ReconcileScope): Promise<string[]> {
  return scope.order_id ? sweepOrder(container, scope.order_id) : sweepSinceMark(container, scope.since)
}

async function sweepSinceMark(container: MedusaContainer, explicitSince?: Date): Promise<string[]> {
  const store = klarnaModule(container)
  const { now, swept_until } = await store.readSweepMark(CAPTURE_SWEEP)
  const floor = now.getTime() - SWEEP_LOOKBACK_DAYS * 86400_000
  const since = explicitSince ?? new Date(Math.max(floor, (swept_until?.getTime() ?? floor) - sweepOverlapMs()))
  const touched = new Set<string>()
  // the earliest change whose intent could not be written: the mark stays before it, so it is tried again
  let heldAt: number | undefined
  let after: SweepCandidate | undefined
  for (;;) {
    const page = await sweepCandidates(container, { since, after, limit: PAGE_SIZE })
    const { orders, failed } = await writeIntents(container, page)
    orders.forEach((o) => touched.add(o))
    for (const [orderId, e] of failed) {
      container
        .resolve(ContainerRegistrationKeys.LOGGER)
        .warn(`Klarna capture sweep: order ${orderId} is tried again next run: ${(e as Error)?.message ?? e}`)
    }
    for (const c of page.filter((c) => failed.has(c.order_id))) heldAt = Math.min(heldAt ?? Infinity, +c.changed_at)
    if (page.length < PAGE_SIZE) break
    after = page[page.length - 1]
  }
  if (!explicitSince) await store.advanceSweepMark(CAPTURE_SWEEP, new Date(Math.min(heldAt ?? Infinity, +now)))
  return [...touched]
}

/** The retry route's sweep: one order's fulfillments, whatever their age. */
async function sweepOrder(container: MedusaContainer, orderId: string): Promise<string[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const links = await queryRows<Link>(query, {
    entity: "order_fulfillment",
    fields: ["order_id", "fulfillment_id"],
    filters: { order_id: orderId },
  })
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
    filters: { id: orderId },
  })
  if (!orders.some(isPaidWithKlarna)) return []
  const { orders: touched, failed } = await writeIntents(container, missing)
  if (failed.size) throw failed.get(orderId)
  return [...touched]
}

/**
 * Writes the intents of fulfillments without a record, order by order, oldest fulfillment first.
 * An order that fails is reported (with its error) and the others carry on.
 */
async function writeIntents(
  container: MedusaContainer,
  missing: Link[]
): Promise<{ orders: Set<string>; failed: Map<string, unknown> }> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const orders = new Set<string>()
  const failed = new Map<string, unknown>()
  for (const orderId of new Set(missing.map((l) => l.order_id))) {
    try {
      if (await writeOrderIntents(container, query, orderId, missing)) orders.add(orderId)
    } catch (e) {
      failed.set(orderId, e)
    }
  }
  return { orders, failed }
}

async function writeOrderIntents(
  container: MedusaContainer,
  query: GraphQuery,
  orderId: string,
  missing: Link[]
): Promise<boolean> {
  const context = await loadKlarnaOrderContext(container, orderId)
  if (!context) return false
  const ids = missing.filter((l) => l.order_id === orderId).map((l) => l.fulfillment_id)
  const fulfillments = await queryRows<CaptureFulfillment>(query, {
    entity: "fulfillment",
    fields: FULFILLMENT_FIELDS,
    filters: { id: ids },
  })
  let wrote = false
  for (const f of [...fulfillments].sort((a, b) => +new Date(a.created_at) - +new Date(b.created_at))) {
    const due = fulfillmentCaptureRequest(container, orderId, f, context)
    if (!due) continue
    await createCaptureIntent(container, due.request, context)
    wrote = true
  }
  return wrote
}
