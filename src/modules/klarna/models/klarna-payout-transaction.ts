import { model } from "@medusajs/framework/utils"
import type { KlarnaSettlementTransaction, TransactionDiscrepancy } from "../../../lib/payouts/types"

/**
 * One transaction of a Klarna payout (SALE, RETURN, FEE, …) and what it matched in Medusa.
 * `key` is the transaction's natural identity (lib/payouts/transaction-key.ts), unique, so a
 * transaction is stored once however often, and by however many workers, its payout is synced.
 */
export const KlarnaPayoutTransaction = model.define("klarna_payout_transaction", {
  id: model.id({ prefix: "kptx" }).primaryKey(),
  key: model.text().unique(),
  payment_reference: model.text().index(),
  type: model.text(),
  detailed_type: model.text().nullable(),
  /** Klarna's amount, integer minor units */
  amount: model.bigNumber(),
  currency_code: model.text(),
  klarna_order_id: model.text().index(),
  capture_id: model.text().index().nullable(),
  refund_id: model.text().index().nullable(),
  sale_date: model.dateTime().nullable(),
  capture_date: model.dateTime().nullable(),
  /** Klarna's transaction as it was received */
  klarna: model.json<KlarnaSettlementTransaction>(),
  /** the match: the Medusa order, and the Medusa capture or refund the transaction pays out */
  order_id: model.text().index().nullable(),
  order_display_id: model.number().nullable(),
  medusa_capture_id: model.text().nullable(),
  medusa_refund_id: model.text().nullable(),
  capture_record_id: model.text().nullable(),
  discrepancy: model.json<TransactionDiscrepancy>().nullable(),
  matched_at: model.dateTime().nullable(),
})
