import { fromMinorUnits } from "../../../lib/amounts"
import type { KlarnaPayoutRecord, KlarnaPayoutTransactionRecord } from "../../../modules/klarna/types"

/** Pure mappers from the stored payouts to the admin API's shapes (see docs/admin-api.md). Amounts: Klarna's minor units. */

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null)

export function payoutView(p: KlarnaPayoutRecord) {
  const totals = p.totals
  return {
    payment_reference: p.payment_reference,
    payout_date: iso(p.payout_date),
    currency_code: p.currency_code,
    provider_id: p.provider_id,
    totals,
    sale_amount: totals.sale_amount,
    return_amount: totals.return_amount,
    fee_amount: totals.fee_amount,
    settlement_amount: totals.settlement_amount,
    /** settlement_amount in major units, for display */
    settlement_major: fromMinorUnits(totals.settlement_amount, p.currency_code),
    transaction_count: p.transaction_count,
    matched_count: p.matched_count,
    unmatched_count: p.unmatched_count,
    status: p.status,
    discrepancies: p.discrepancies ?? [],
    synced_at: iso(p.transactions_synced_at),
  }
}

/** Klarna's transaction as Klarna sent it (its order_id is Klarna's), with the Medusa side it matched. */
export function payoutTransactionView(t: KlarnaPayoutTransactionRecord) {
  return {
    ...t.klarna,
    medusa_order_id: t.order_id ?? null,
    medusa_order_display_id: t.order_display_id ?? null,
    medusa_capture_id: t.medusa_capture_id ?? null,
    medusa_refund_id: t.medusa_refund_id ?? null,
    capture_record_id: t.capture_record_id ?? null,
    discrepancy: t.discrepancy ?? null,
  }
}
