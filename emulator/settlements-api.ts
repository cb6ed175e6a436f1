import type { ApiContext, ApiHandler } from "./context"
import { notFound } from "./errors"
import { json, type EmulatorRequest } from "./http"
import type { LedgerTransaction, PayoutRecord } from "./settlements-model"
import { dateParam, pageOf, paginate } from "./settlements-query"

export const SETTLEMENTS = "/settlements/v1"

const payoutUrl = (request: EmulatorRequest, reference: string) =>
  `${request.baseUrl}${SETTLEMENTS}/payouts/${encodeURIComponent(reference)}`

/** The spec's `Payout`. */
export function payoutView(request: EmulatorRequest, payout: PayoutRecord) {
  return {
    payment_reference: payout.payment_reference,
    payout_date: payout.payout_date,
    currency_code: payout.currency_code,
    merchant_settlement_type: "NET",
    merchant_id: payout.merchant,
    totals: payout.totals,
    transactions: `${request.baseUrl}${SETTLEMENTS}/transactions?payment_reference=${encodeURIComponent(payout.payment_reference)}`,
  }
}

/** The spec's `Transaction`. */
export function transactionView(request: EmulatorRequest, transaction: LedgerTransaction) {
  return transaction.payment_reference === undefined
    ? { ...transaction }
    : { ...transaction, payout: payoutUrl(request, transaction.payment_reference) }
}

/** The merchant's payouts whose payout date lies in [start_date, end_date] (either bound optional). */
function payoutsInRange(ctx: ApiContext, required: boolean): PayoutRecord[] {
  const { start_date, end_date, currency_code } = ctx.request.query
  const start = dateParam("start_date", start_date, required)
  const end = dateParam("end_date", end_date, required)
  return ctx.state.settlements.payoutsOf(ctx.merchant).filter((p) => {
    const at = Date.parse(p.payout_date)
    return (
      (start === undefined || at >= start) &&
      (end === undefined || at <= end) &&
      (!currency_code || p.currency_code === currency_code.toUpperCase())
    )
  })
}

/** GET /payouts: newest payout date first. */
export const listPayouts: ApiHandler = (ctx) => {
  const page = pageOf(ctx.request.query)
  const { slice, pagination } = paginate(ctx.request, payoutsInRange(ctx, false), page)
  return json({ payouts: slice.map((p) => payoutView(ctx.request, p)), pagination })
}

export const getPayout: ApiHandler = (ctx, { payment_reference }) => {
  const payout = ctx.state.settlements.payouts.get(payment_reference)
  if (!payout || payout.merchant !== ctx.merchant) throw notFound(`The payout ${payment_reference} does not exist`)
  return json(payoutView(ctx.request, payout))
}

/** GET /payouts/summary: one summary per currency of the payouts in the range. */
export const payoutSummary: ApiHandler = (ctx) => {
  const byCurrency = new Map<string, PayoutRecord[]>()
  for (const payout of payoutsInRange(ctx, true)) {
    byCurrency.set(payout.currency_code, [...(byCurrency.get(payout.currency_code) ?? []), payout])
  }
  return json(
    [...byCurrency].map(([currency, payouts]) => {
      const sum = (total: keyof PayoutRecord["totals"]) => payouts.reduce((s, p) => s + p.totals[total], 0)
      const dates = payouts.map((p) => p.payout_date).sort()
      return {
        summary_settlement_currency: currency,
        summary_payout_date_start: dates[0],
        summary_payout_date_end: dates[dates.length - 1],
        summary_total_sale_amount: sum("sale_amount"),
        summary_total_return_amount: sum("return_amount"),
        summary_total_fee_amount: sum("fee_amount"),
        summary_total_tax_amount: sum("tax_amount"),
        summary_total_reversal_amount: sum("reversal_amount"),
        summary_total_holdback_amount: sum("holdback_amount"),
        summary_total_release_amount: sum("release_amount"),
        summary_total_commission_amount: sum("commission_amount"),
        summary_total_repay_amount: sum("repay_amount"),
        summary_total_fee_correction_amount: sum("fee_correction_amount"),
        summary_total_settlement_amount: sum("settlement_amount"),
      }
    })
  )
}

/**
 * GET /transactions: the merchant's paid-out transactions (those not paid out yet are not
 * listed), payout by payout in the order they were made, each in the order it was recorded.
 */
export const listTransactions: ApiHandler = (ctx) => {
  const page = pageOf(ctx.request.query)
  const { payment_reference, order_id } = ctx.request.query
  const ledger = ctx.state.settlements
  let transactions: readonly LedgerTransaction[]
  if (payment_reference) {
    const payout = ledger.payouts.get(payment_reference)
    transactions = payout && payout.merchant === ctx.merchant ? payout.transactions : []
  } else {
    transactions = [...ledger.payouts.values()]
      .filter((p) => p.merchant === ctx.merchant)
      .flatMap((p) => p.transactions)
  }
  if (order_id) transactions = transactions.filter((t) => t.order_id === order_id)
  const { slice, pagination } = paginate(ctx.request, transactions, page)
  return json({ transactions: slice.map((t) => transactionView(ctx.request, t)), pagination })
}
