import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/** A fulfillment of a Klarna order that has no capture record, as the sweep reads it. */
export interface SweepCandidate {
  fulfillment_id: string
  order_id: string
  /** the fulfillment's updated_at: set by every write (created, shipped, canceled) */
  changed_at: Date
  /** updated_at exactly (microseconds, which a Date drops): where the next page starts */
  cursor: string
}

export interface SweepPage {
  /** changed at or after this */
  since: Date
  /** the last row of the previous page (keyset), if any */
  after?: Pick<SweepCandidate, "cursor" | "fulfillment_id">
  limit: number
}

type Knex = { raw: (sql: string, bindings: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> }

/** A payment collection of the order pays with a Klarna provider (a payment, or an authorized session). */
const PAID_WITH_KLARNA = `exists (
  select 1 from order_payment_collection opc
  where opc.order_id = ofl.order_id and opc.deleted_at is null and (
    exists (select 1 from payment p where p.payment_collection_id = opc.payment_collection_id
            and p.deleted_at is null and left(p.provider_id, 9) = 'pp_klarna')
    or exists (select 1 from payment_session s where s.payment_collection_id = opc.payment_collection_id
               and s.deleted_at is null and left(s.provider_id, 9) = 'pp_klarna' and s.data->>'order_id' is not null)))`

/**
 * One page of the sweep's work, in SQL: live fulfillments changed since `since`, of orders paid with
 * Klarna, without a capture record; oldest change first. The fulfillment range is read through an
 * index on updated_at (the plugin's migration adds it), so a sweep with nothing new reads nothing
 * of the store's history. Medusa's modules and the plugin's share the database (Medusa's default).
 */
export async function sweepCandidates(container: MedusaContainer, page: SweepPage): Promise<SweepCandidate[]> {
  const knex = container.resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)
  const after = page.after ? `and (f.updated_at, f.id) > (?::timestamptz, ?)` : ""
  const { rows } = await knex.raw(
    `select f.id as fulfillment_id, ofl.order_id, f.updated_at as changed_at, f.updated_at::text as cursor
     from fulfillment f
     join order_fulfillment ofl on ofl.fulfillment_id = f.id and ofl.deleted_at is null
     where f.deleted_at is null and f.canceled_at is null and f.updated_at >= ? ${after}
       and not exists (select 1 from klarna_capture kc where kc.source_key = 'fulfillment:' || f.id
                       and kc.deleted_at is null)
       and ${PAID_WITH_KLARNA}
     order by f.updated_at, f.id
     limit ?`,
    [page.since, ...(page.after ? [page.after.cursor, page.after.fulfillment_id] : []), page.limit]
  )
  return rows.map((r) => ({
    fulfillment_id: String(r.fulfillment_id),
    order_id: String(r.order_id),
    changed_at: new Date(r.changed_at as string),
    cursor: String(r.cursor),
  }))
}
