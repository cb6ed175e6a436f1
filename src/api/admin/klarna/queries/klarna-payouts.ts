import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { overdueBefore, unpaidCaptureDiscrepancy, type UnpaidCapture } from "../../../../lib/payouts"
import { klarnaModule } from "../../../../modules/klarna"
import { payoutOverdueDays } from "../../../../workflows/settlements/klarna-accounts"
import type { AdminKlarnaPayoutsQueryType } from "../payout-validators"
import { payoutTransactionView, payoutView } from "../payout-views"

/** How many of the captures not paid out in time the list names (the count covers all). */
const UNPAID_CAPTURES_SHOWN = 50

/** Stored payouts, newest first, with the captures Klarna has not paid out in time. */
export async function listPayouts(container: MedusaContainer, q: AdminKlarnaPayoutsQueryType, now = new Date()) {
  const klarna = klarnaModule(container)
  const filters = {
    ...(q.status ? { status: q.status } : {}),
    ...(q.currency_code ? { currency_code: q.currency_code.toUpperCase() } : {}),
  }
  const [payouts, count] = await klarna.listAndCountKlarnaPayouts(filters, {
    skip: q.offset,
    take: q.limit,
    order: { payout_date: "DESC", payment_reference: "DESC" },
  })
  const days = await payoutOverdueDays(container)
  const unpaid = await klarna.capturesNotPaidOut(overdueBefore(now, days), UNPAID_CAPTURES_SHOWN)
  return {
    payouts: payouts.map(payoutView),
    count,
    limit: q.limit,
    offset: q.offset,
    unpaid_captures: {
      days,
      count: unpaid.count,
      captures: (unpaid.captures as unknown as UnpaidCapture[]).map((c) => ({
        order_id: c.order_id,
        klarna_order_id: c.klarna_order_id,
        klarna_capture_id: c.klarna_capture_id,
        medusa_capture_id: c.medusa_capture_id,
        amount: Number(c.amount),
        currency_code: c.currency_code,
        captured_at: new Date(c.captured_at).toISOString(),
        discrepancy: unpaidCaptureDiscrepancy(c, now),
      })),
    },
  }
}

/** One stored payout with every transaction and its match; unknown reference → 404. */
export async function getPayout(container: MedusaContainer, paymentReference: string) {
  const klarna = klarnaModule(container)
  const [payout] = await klarna.listKlarnaPayouts({ payment_reference: paymentReference })
  if (!payout) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Payout ${paymentReference} not found`)
  const transactions = await klarna.listKlarnaPayoutTransactions(
    { payment_reference: paymentReference },
    { order: { created_at: "ASC", id: "ASC" } }
  )
  return { payout: { ...payoutView(payout), transactions: transactions.map(payoutTransactionView) } }
}

/** For each Klarna capture and refund of an order: the payout it was paid out in, or null (not yet). */
export async function payoutsOfOrder(container: MedusaContainer, ids: { capture_ids: string[]; refund_ids: string[] }) {
  const rows = await klarnaModule(container).payoutsOf(ids)
  const paidIn = (type: string, id: string) => {
    const row = rows.find((r) => r.type === type && (type === "SALE" ? r.capture_id : r.refund_id) === id)
    return row
      ? { payment_reference: row.payment_reference, payout_date: new Date(row.payout_date).toISOString() }
      : null
  }
  return {
    captures: ids.capture_ids.map((id) => ({ capture_id: id, payout: paidIn("SALE", id) })),
    refunds: ids.refund_ids.map((id) => ({ refund_id: id, payout: paidIn("RETURN", id) })),
  }
}
