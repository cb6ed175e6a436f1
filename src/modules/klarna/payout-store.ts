import { generateEntityId } from "@medusajs/framework/utils"
import type { KlarnaPayoutRecord, NewPayout, PayoutOutcome, PayoutTransactionRow } from "./types"

type Sql = { execute: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]> }

/** Transaction columns written from a page (jsonb_to_recordset's column list). */
const TRANSACTION_COLUMNS = `id text, key text, payment_reference text, type text, detailed_type text, amount numeric,
  currency_code text, klarna_order_id text, capture_id text, refund_id text, sale_date timestamptz,
  capture_date timestamptz, klarna jsonb, order_id text, order_display_id integer, medusa_capture_id text,
  medusa_refund_id text, capture_record_id text, discrepancy jsonb`

/** The match columns a re-sync refreshes; Klarna's own fields of a stored transaction never change. */
const MATCH_COLUMNS = ["order_id", "order_display_id", "medusa_capture_id", "medusa_refund_id", "capture_record_id"]

const asJsonArray = (values: string[]) => JSON.stringify(values)

/**
 * The payout tables' SQL: inserts that yield to the unique payment_reference / transaction key
 * (`on conflict … do nothing / do update` on the partial unique indexes), so neither a repeated
 * sync nor two workers syncing at once ever store anything twice.
 */
export class PayoutStore {
  constructor(private readonly sql: Sql) {}

  async insertPayout(payout: NewPayout): Promise<KlarnaPayoutRecord> {
    await this.sql.execute(
      `insert into klarna_payout (id, payment_reference, provider_id, payout_date, currency_code, totals)
       values (?, ?, ?, ?, ?, ?::jsonb)
       on conflict (payment_reference) where deleted_at is null do nothing`,
      [
        generateEntityId(undefined, "kpay"),
        payout.payment_reference,
        payout.provider_id,
        payout.payout_date,
        payout.currency_code.toUpperCase(),
        JSON.stringify(payout.totals),
      ]
    )
    const [row] = await this.sql.execute(
      "select * from klarna_payout where payment_reference = ? and deleted_at is null",
      [payout.payment_reference]
    )
    return row as unknown as KlarnaPayoutRecord
  }

  async upsertTransactions(rows: PayoutTransactionRow[]): Promise<void> {
    if (!rows.length) return
    const records = rows.map(({ key, payment_reference, transaction: tx, match }) => ({
      id: generateEntityId(undefined, "kptx"),
      key,
      payment_reference,
      type: tx.type,
      detailed_type: tx.detailed_type ?? null,
      amount: tx.amount,
      currency_code: (tx.currency_code ?? "").toUpperCase(),
      klarna_order_id: tx.order_id,
      capture_id: tx.capture_id || null,
      refund_id: tx.refund_id || null,
      sale_date: tx.sale_date || null,
      capture_date: tx.capture_date || null,
      klarna: tx,
      order_id: match.order_id,
      order_display_id: match.order_display_id,
      medusa_capture_id: match.medusa_capture_id,
      medusa_refund_id: match.medusa_refund_id,
      capture_record_id: match.capture_record_id,
      ...(match.discrepancy ? { discrepancy: match.discrepancy } : {}),
    }))
    const refresh = [...MATCH_COLUMNS, "discrepancy"].map((c) => `${c} = excluded.${c}`).join(", ")
    await this.sql.execute(
      `insert into klarna_payout_transaction (id, key, payment_reference, type, detailed_type, amount, raw_amount,
         currency_code, klarna_order_id, capture_id, refund_id, sale_date, capture_date, klarna, order_id,
         order_display_id, medusa_capture_id, medusa_refund_id, capture_record_id, discrepancy, matched_at)
       select r.id, r.key, r.payment_reference, r.type, r.detailed_type, r.amount,
         jsonb_build_object('value', r.amount::text, 'precision', 20), r.currency_code, r.klarna_order_id,
         r.capture_id, r.refund_id, r.sale_date, r.capture_date, r.klarna, r.order_id, r.order_display_id,
         r.medusa_capture_id, r.medusa_refund_id, r.capture_record_id, r.discrepancy, now()
       from jsonb_to_recordset(?::jsonb) as r(${TRANSACTION_COLUMNS})
       on conflict (key) where deleted_at is null
       do update set ${refresh}, matched_at = now(), updated_at = now()`,
      [JSON.stringify(records)]
    )
  }

  async completePayout(paymentReference: string, outcome: PayoutOutcome): Promise<void> {
    const ofPayout =
      "from klarna_payout_transaction t where t.payment_reference = p.payment_reference and t.deleted_at is null"
    await this.sql.execute(
      `update klarna_payout p set
         transaction_count = (select count(*) ${ofPayout}),
         matched_count = (select count(*) ${ofPayout} and t.order_id is not null and t.discrepancy is null),
         unmatched_count = (select count(*) ${ofPayout} and (t.order_id is null or t.discrepancy is not null)),
         discrepancies = ?::jsonb,
         status = case when ?::int > 0 or exists (select 1 ${ofPayout} and t.discrepancy is not null)
           then 'discrepancies' else 'reconciled' end,
         transactions_synced_at = now(), updated_at = now()
       where p.payment_reference = ? and p.deleted_at is null`,
      [JSON.stringify(outcome.discrepancies), outcome.discrepancies.length, paymentReference]
    )
  }

  async lastSyncedPayoutDate(providerId: string): Promise<Date | null> {
    const [row] = await this.sql.execute(
      `select max(payout_date) as last from klarna_payout
       where provider_id = ? and transactions_synced_at is not null and deleted_at is null`,
      [providerId]
    )
    return row?.last ? new Date(row.last as string) : null
  }

  /** Payouts stored whose transactions were not all stored yet (a sync stopped half-way). */
  async unfinishedPayouts(providerId: string): Promise<string[]> {
    const rows = await this.sql.execute(
      `select payment_reference from klarna_payout
       where provider_id = ? and transactions_synced_at is null and deleted_at is null`,
      [providerId]
    )
    return rows.map((r) => r.payment_reference as string)
  }

  async payoutsOf(ids: { capture_ids: string[]; refund_ids: string[] }) {
    if (!ids.capture_ids.length && !ids.refund_ids.length) return []
    const rows = await this.sql.execute(
      `select t.type, t.capture_id, t.refund_id, t.payment_reference, p.payout_date
       from klarna_payout_transaction t
       join klarna_payout p on p.payment_reference = t.payment_reference and p.deleted_at is null
       where t.deleted_at is null and (
         (t.type = 'SALE' and t.capture_id in (select jsonb_array_elements_text(?::jsonb)))
         or (t.type = 'RETURN' and t.refund_id in (select jsonb_array_elements_text(?::jsonb))))
       order by p.payout_date`,
      [asJsonArray(ids.capture_ids), asJsonArray(ids.refund_ids)]
    )
    return rows as {
      type: string
      capture_id: string | null
      refund_id: string | null
      payment_reference: string
      payout_date: Date
    }[]
  }

  async capturesNotPaidOut(before: Date, limit: number) {
    const notPaid = `from klarna_capture c where c.deleted_at is null and c.status = 'succeeded'
      and c.klarna_capture_id is not null and c.created_at < ?
      and not exists (select 1 from klarna_payout_transaction t
        where t.deleted_at is null and t.type = 'SALE' and t.capture_id = c.klarna_capture_id)`
    const [{ count }] = await this.sql.execute(`select count(*)::int as count ${notPaid}`, [before])
    const rows = await this.sql.execute(
      `select c.id, c.order_id, c.provider_id, c.klarna_order_id, c.klarna_capture_id, c.medusa_capture_id,
         c.amount, c.currency_code, c.created_at as captured_at ${notPaid} order by c.created_at limit ?`,
      [before, limit]
    )
    return { count: Number(count), captures: rows }
  }
}
