import type { InferTypeOf } from "@medusajs/framework/types"
import type { KlarnaAction } from "./models/klarna-action"
import type { KlarnaCapture } from "./models/klarna-capture"
import type { KlarnaOrderOperation } from "./models/klarna-order-operation"
import type { KlarnaPayout } from "./models/klarna-payout"
import type { KlarnaPayoutTransaction } from "./models/klarna-payout-transaction"
import type {
  KlarnaSettlementTransaction,
  PayoutDiscrepancy,
  PayoutTotals,
  TransactionMatch,
} from "../../lib/payouts/types"

export type { CaptureError, CaptureItem } from "./capture-record-fields"

/** A capture record as the module returns it. */
export type KlarnaCaptureRecord = InferTypeOf<typeof KlarnaCapture>

/** An order operation record (`operation` holds a CancelOperation, in a text column). */
export type KlarnaOrderOperationRecord = InferTypeOf<typeof KlarnaOrderOperation>

/** A row of the admin action log. */
export type KlarnaActionRecord = InferTypeOf<typeof KlarnaAction>

/** A stored Klarna payout. */
export type KlarnaPayoutRecord = InferTypeOf<typeof KlarnaPayout>

/** A stored transaction of a payout, with its match. */
export type KlarnaPayoutTransactionRecord = InferTypeOf<typeof KlarnaPayoutTransaction>

/** A payout as the sync stores it. */
export interface NewPayout {
  payment_reference: string
  provider_id: string
  payout_date: string
  currency_code: string
  totals: PayoutTotals
}

/** One transaction of a page being stored, with its key and match. */
export interface PayoutTransactionRow {
  key: string
  payment_reference: string
  transaction: KlarnaSettlementTransaction
  match: TransactionMatch
}

/** What the sync concluded of a payout once all of its transactions were stored. */
export interface PayoutOutcome {
  transaction_count: number
  /** payout-level discrepancies (totals, currency) */
  discrepancies: PayoutDiscrepancy[]
}
