import type { MedusaContainer } from "@medusajs/framework/types"
import { reconcileCaptureIntents } from "./reconcile-intents"
import { klarnaModule } from "../../modules/klarna"
import { runOrderCaptures } from "./run-order-captures"
import type { KlarnaCaptureRecord } from "./types"

export interface RetryKlarnaCapturesInput {
  /** one order (the admin's retry route): its failed records too, waiting for one in flight */
  order_id?: string
  actor_id?: string
  /** leave records alone that were tried this many times (the scheduled job; admins can always retry) */
  max_attempts?: number
}

/** How long an admin's retry waits for a capture of the same order that is in flight elsewhere. */
const ADMIN_WAIT_MS = 30_000
const PAGE_SIZE = 200

/**
 * Sweep, then capture: missing intents are derived from Medusa's fulfillments first, then every
 * open record is captured (pending ones; for one order, failed ones too) with its stored plan and
 * idempotency key. Used by the scheduled job (all orders) and the admin's retry route (one order).
 */
export async function retryKlarnaCaptures(
  container: MedusaContainer,
  input: RetryKlarnaCapturesInput = {}
): Promise<KlarnaCaptureRecord[]> {
  const swept = await reconcileCaptureIntents(container, { order_id: input.order_id })
  const forOneOrder = !!input.order_id
  const run = (orderId: string) =>
    runOrderCaptures(container, orderId, {
      retry_failed: forOneOrder,
      max_attempts: input.max_attempts,
      wait_ms: forOneOrder ? ADMIN_WAIT_MS : 0,
      actor_id: input.actor_id,
    })
  const results: KlarnaCaptureRecord[] = []
  const done = new Set<string>(swept)
  const runAll = async (orderIds: string[]) => {
    for (const records of await eachOrder(orderIds, run)) results.push(...records)
  }
  await runAll(swept)
  for await (const page of ordersWithDueRecords(container, input, done)) await runAll(page)
  return results
}

/**
 * Orders are independent (each holds its own lease; an order's captures run one after another),
 * so a few run at once: a tick with many new shipments takes a fraction of their captures' time.
 */
const ORDERS_AT_ONCE = 4

async function eachOrder<T>(orderIds: string[], fn: (orderId: string) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(orderIds.length)
  let next = 0
  const lane = async () => {
    for (let i = next++; i < orderIds.length; i = next++) out[i] = await fn(orderIds[i])
  }
  await Promise.all(Array.from({ length: Math.min(ORDERS_AT_ONCE, orderIds.length) }, lane))
  return out
}

/**
 * The orders with records to try, a page at a time, oldest record first (the oldest shipment's
 * authorization runs out first): pending ones (for one order, failed ones too), not yet tried
 * `max_attempts` times. Read through a partial index of open records, so settled history costs nothing.
 */
async function* ordersWithDueRecords(
  container: MedusaContainer,
  input: RetryKlarnaCapturesInput,
  done: Set<string>
): AsyncGenerator<string[]> {
  const filters = {
    status: input.order_id ? ["pending", "failed"] : ["pending"],
    ...(input.order_id ? { order_id: input.order_id } : {}),
    ...(input.max_attempts !== undefined ? { attempts: { $lt: input.max_attempts } } : {}),
  }
  let from: Date | undefined
  for (;;) {
    const page = await klarnaModule(container).listKlarnaCaptures(
      { ...filters, ...(from ? { created_at: { $gte: from } } : {}) },
      { select: ["order_id", "created_at"], order: { created_at: "ASC", id: "ASC" }, take: PAGE_SIZE }
    )
    const fresh = [...new Set(page.map((r) => r.order_id))].filter((o) => !done.has(o))
    fresh.forEach((o) => done.add(o))
    if (fresh.length) yield fresh
    // a page of orders already run (their records still due after this run's try) ends the read
    if (page.length < PAGE_SIZE || !fresh.length) return
    from = new Date(page[page.length - 1].created_at as unknown as string)
  }
}
