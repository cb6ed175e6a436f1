import type { MedusaContainer } from "@medusajs/framework/types"
import type { KlarnaClient, Payout } from "../../lib/klarna"
import {
  matchTransaction,
  newTransactionSums,
  totalsDiscrepancies,
  transactionKeyer,
  addTransaction,
} from "../../lib/payouts"
import type { PayoutDiscrepancy } from "../../lib/payouts"
import { klarnaModule } from "../../modules/klarna"
import { medusaOrdersFor } from "./medusa-orders"

export interface PayoutSyncResult {
  payment_reference: string
  transactions: number
  status: "reconciled" | "discrepancies"
}

/**
 * Stores one payout and all of its transactions, page by page: each page is matched to Medusa
 * and written in one statement before the next is requested, so memory holds one page whatever
 * the payout's size. The totals are summed on the way and checked at the end.
 */
export async function syncPayout(
  container: MedusaContainer,
  client: KlarnaClient,
  providerId: string,
  payout: Payout
): Promise<PayoutSyncResult> {
  const klarna = klarnaModule(container)
  const reference = payout.payment_reference
  await klarna.insertPayout({
    payment_reference: reference,
    provider_id: providerId,
    payout_date: payout.payout_date,
    currency_code: payout.currency_code,
    totals: payout.totals,
  })
  const keyOf = transactionKeyer(reference)
  const sums = newTransactionSums()
  const currencies = new Set<string>()
  let count = 0
  for await (const page of client.settlements.transactionPages({ payment_reference: reference })) {
    const orders = await medusaOrdersFor(container, page)
    const rows = page.map((transaction) => {
      addTransaction(sums, transaction)
      currencies.add((transaction.currency_code ?? "").toUpperCase())
      return {
        key: keyOf(transaction),
        payment_reference: reference,
        transaction,
        match: matchTransaction(transaction, orders.get(transaction.order_id), payout.currency_code),
      }
    })
    await klarna.upsertPayoutTransactions(rows)
    count += page.length
  }
  const discrepancies: PayoutDiscrepancy[] = totalsDiscrepancies(payout.totals, sums)
  const others = [...currencies].filter((c) => c !== payout.currency_code.toUpperCase())
  if (others.length) {
    discrepancies.push({
      kind: "currency_mismatch",
      message: `the payout is in ${payout.currency_code.toUpperCase()} but has transactions in ${others.join(", ")}`,
    })
  }
  await klarna.completePayout(reference, { transaction_count: count, discrepancies })
  const [stored] = await klarna.listKlarnaPayouts({ payment_reference: reference }, { select: ["status"] })
  return { payment_reference: reference, transactions: count, status: stored?.status as PayoutSyncResult["status"] }
}
