import type { Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import { KlarnaAction } from "./models/klarna-action"
import { KlarnaCapture } from "./models/klarna-capture"
import { KlarnaOrderOperation } from "./models/klarna-order-operation"
import { KlarnaPayout } from "./models/klarna-payout"
import { KlarnaPayoutTransaction } from "./models/klarna-payout-transaction"
import { PayoutStore } from "./payout-store"
import type { KlarnaCaptureRecord, NewPayout, PayoutOutcome, PayoutTransactionRow } from "./types"

type Sql = { execute: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]> }
const sql = (context: Context): Sql => context.transactionManager as unknown as Sql
/** The module's connection outside a transaction: one statement, committed on its own. */
const db = (context: Context): Sql => context.manager as unknown as Sql

/** A record of order `?` (other than `?`, when given) holding a live lease: a capture of the order in flight. */
const orderLeaseHeld = (exceptRecord: boolean) =>
  `select 1 from klarna_capture where order_id = ?${exceptRecord ? " and id <> ?" : ""}
   and deleted_at is null and lease_expires_at > now()`

/** Serializes, inside the current transaction, everything that decides the captures of one order. */
const lockOrder = (context: Context, orderId: string) =>
  sql(context).execute("select pg_advisory_xact_lock(hashtext(?))", [`klarna-capture:${orderId}`])

export type ClaimResult =
  { claimed: true } | { claimed: false; reason: "not_found" | "settled" | "leased" | "order_busy" }

/**
 * Capture records and the action log. The exactly-once guarantees live here, in the database, so
 * they hold across processes and instances whatever locking module Medusa runs with:
 * - an intent is inserted only if the order's other records are still the ones it was planned
 *   against (an advisory lock per order serializes the check and the insert);
 * - a record is processed only under a lease (owner + expiry in database time), and only one
 *   record of an order holds a live lease at a time.
 */
export default class KlarnaModuleService extends MedusaService({
  KlarnaCapture,
  KlarnaAction,
  KlarnaOrderOperation,
  KlarnaPayout,
  KlarnaPayoutTransaction,
}) {
  /**
   * Inserts `data` as a new capture record unless its source_key exists (→ that record) or the
   * order's records changed since `plannedAgainst` was read (→ "stale": plan again). With `claim`,
   * a new pending record is also leased to `claim.owner` in the same transaction when no other
   * record of the order holds a live lease (the rule claimCapture enforces).
   */
  @InjectTransactionManager()
  async insertCaptureIntent(
    data: Partial<KlarnaCaptureRecord> & Pick<KlarnaCaptureRecord, "order_id" | "source_key">,
    plannedAgainst: string[],
    claim?: { owner: string; leaseMs: number },
    @MedusaContext() context: Context = {}
  ): Promise<{ record: KlarnaCaptureRecord; created: boolean; claimed: boolean } | { stale: true }> {
    await lockOrder(context, data.order_id)
    const [existing] = await this.listKlarnaCaptures({ source_key: data.source_key }, {}, context)
    if (existing) return { record: existing, created: false, claimed: false }
    const current = await this.listKlarnaCaptures({ order_id: data.order_id }, { select: ["id"] }, context)
    const now = new Set(current.map((r) => r.id))
    if (now.size !== plannedAgainst.length || plannedAgainst.some((id) => !now.has(id))) return { stale: true }
    if (!claim || data.status !== "pending") {
      return { record: await this.createKlarnaCaptures(data, context), created: true, claimed: false }
    }
    // the lease in database time, as claimCapture sets it
    const [lease] = (await sql(context).execute(
      `select now() + (? * interval '1 millisecond') as until, exists (${orderLeaseHeld(false)}) as busy`,
      [claim.leaseMs, data.order_id]
    )) as { until: Date; busy: boolean }[]
    const leased = lease.busy ? {} : { lease_owner: claim.owner, lease_expires_at: lease.until }
    const record = await this.createKlarnaCaptures({ ...data, ...leased }, context)
    return { record, created: true, claimed: !lease.busy }
  }

  /**
   * Takes the lease on a record for `owner`: the record must be pending (or failed, when
   * `retryFailed`), its own lease expired or absent, and no other record of its order leased.
   */
  @InjectTransactionManager()
  async claimCapture(
    id: string,
    owner: string,
    leaseMs: number,
    retryFailed: boolean,
    @MedusaContext() context: Context = {}
  ): Promise<ClaimResult> {
    const [record] = await this.listKlarnaCaptures({ id }, { select: ["id", "order_id"] }, context)
    if (!record) return { claimed: false, reason: "not_found" }
    await lockOrder(context, record.order_id)
    const busy = await sql(context).execute(`${orderLeaseHeld(true)} limit 1`, [record.order_id, id])
    if (busy.length) return { claimed: false, reason: "order_busy" }
    const statuses = retryFailed ? ["pending", "failed"] : ["pending"]
    const updated = await sql(context).execute(
      `update klarna_capture set lease_owner = ?, lease_expires_at = now() + (? * interval '1 millisecond'),
       status = 'pending', updated_at = now()
       where id = ? and deleted_at is null and status in (${statuses.map(() => "?").join(", ")})
       and (lease_expires_at is null or lease_expires_at <= now()) returning id`,
      [owner, leaseMs, id, ...statuses]
    )
    if (updated.length) return { claimed: true }
    const [now] = await this.listKlarnaCaptures({ id }, { select: ["id", "status"] }, context)
    return { claimed: false, reason: statuses.includes(now?.status as string) ? "leased" : "settled" }
  }

  /** Does a record of the order hold a live lease (a capture of it in flight)? */
  @InjectManager()
  async orderCaptureLeased(orderId: string, @MedusaContext() context: Context = {}): Promise<boolean> {
    const rows = await db(context).execute(`${orderLeaseHeld(false)} limit 1`, [orderId])
    return rows.length > 0
  }

  /** Extends `owner`'s lease; false when it is no longer theirs (expired and taken over). */
  @InjectManager()
  async renewCaptureLease(
    id: string,
    owner: string,
    leaseMs: number,
    @MedusaContext() context: Context = {}
  ): Promise<boolean> {
    const rows = await db(context).execute(
      `update klarna_capture set lease_expires_at = now() + (? * interval '1 millisecond')
       where id = ? and lease_owner = ? and lease_expires_at > now() returning id`,
      [leaseMs, id, owner]
    )
    return rows.length > 0
  }

  @InjectManager()
  async releaseCaptureLease(id: string, owner: string, @MedusaContext() context: Context = {}): Promise<void> {
    await db(context).execute(
      `update klarna_capture set lease_owner = null, lease_expires_at = null where id = ? and lease_owner = ?`,
      [id, owner]
    )
  }

  /**
   * The capture path's own writes, one statement each (no read-back): an attempt counted before
   * the POST, and the capture id Klarna answered with. Other changes go through updateKlarnaCaptures.
   */
  @InjectManager()
  async countCaptureAttempt(id: string, @MedusaContext() context: Context = {}): Promise<number> {
    const [row] = await db(context).execute(
      "update klarna_capture set attempts = attempts + 1, updated_at = now() where id = ? returning attempts",
      [id]
    )
    return Number(row.attempts)
  }

  @InjectManager()
  async setKlarnaCaptureId(id: string, klarnaCaptureId: string, @MedusaContext() context: Context = {}): Promise<void> {
    await db(context).execute(
      "update klarna_capture set klarna_capture_id = ?, last_error = null, updated_at = now() where id = ?",
      [klarnaCaptureId, id]
    )
  }

  // ---- payouts: every write is an insert that yields to an existing row, so syncs never double ----

  /** Stores a payout unless its payment_reference is stored; answers the stored row either way. */
  @InjectManager()
  async insertPayout(payout: NewPayout, @MedusaContext() context: Context = {}) {
    return new PayoutStore(db(context)).insertPayout(payout)
  }

  /** Stores a page of transactions (a row whose key exists only has its match refreshed). */
  @InjectManager()
  async upsertPayoutTransactions(rows: PayoutTransactionRow[], @MedusaContext() context: Context = {}) {
    await new PayoutStore(db(context)).upsertTransactions(rows)
  }

  /** Counts the payout's stored matches and settles its status. */
  @InjectManager()
  async completePayout(paymentReference: string, outcome: PayoutOutcome, @MedusaContext() context: Context = {}) {
    await new PayoutStore(db(context)).completePayout(paymentReference, outcome)
  }

  /** The latest payout date of an account's completely synced payouts: the next sync starts there. */
  @InjectManager()
  async lastSyncedPayoutDate(providerId: string, @MedusaContext() context: Context = {}): Promise<Date | null> {
    return new PayoutStore(db(context)).lastSyncedPayoutDate(providerId)
  }

  @InjectManager()
  async unfinishedPayouts(providerId: string, @MedusaContext() context: Context = {}): Promise<string[]> {
    return new PayoutStore(db(context)).unfinishedPayouts(providerId)
  }

  /** Payout transactions paying out these Klarna captures / refunds, with their payout's date. */
  @InjectManager()
  async payoutsOf(ids: { capture_ids: string[]; refund_ids: string[] }, @MedusaContext() context: Context = {}) {
    return new PayoutStore(db(context)).payoutsOf(ids)
  }

  /** The plugin's succeeded captures captured before `before` that no stored SALE pays out. */
  @InjectManager()
  async capturesNotPaidOut(before: Date, limit: number, @MedusaContext() context: Context = {}) {
    return new PayoutStore(db(context)).capturesNotPaidOut(before, limit)
  }
}
