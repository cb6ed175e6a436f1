import { model } from "@medusajs/framework/utils"
import type { PayoutDiscrepancy, PayoutTotals } from "../../../lib/payouts/types"

/**
 * One Klarna payout (a settlement: the money that reached the bank under `payment_reference`),
 * as the Settlements API lists it, with the outcome of matching its transactions to Medusa.
 * The unique payment_reference makes a sync that runs twice, or on two workers, store it once.
 */
export const KlarnaPayout = model.define("klarna_payout", {
  id: model.id({ prefix: "kpay" }).primaryKey(),
  payment_reference: model.text().unique(),
  /** the Klarna provider instance (merchant account) it was synced with */
  provider_id: model.text(),
  payout_date: model.dateTime().index(),
  currency_code: model.text(),
  /** Klarna's totals, integer minor units as Klarna sends them */
  totals: model.json<PayoutTotals>(),
  transaction_count: model.number().default(0),
  matched_count: model.number().default(0),
  unmatched_count: model.number().default(0),
  /** pending: transactions still being synced; then reconciled or discrepancies */
  status: model.enum(["pending", "reconciled", "discrepancies"]).default("pending"),
  /** payout-level discrepancies (totals, currency); a transaction's own sit on the transaction */
  discrepancies: model.json<PayoutDiscrepancy[]>().nullable(),
  transactions_synced_at: model.dateTime().nullable(),
})
