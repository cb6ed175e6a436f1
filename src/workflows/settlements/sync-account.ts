import type { MedusaContainer } from "@medusajs/framework/types"
import { klarnaModule } from "../../modules/klarna"
import type { KlarnaAccount } from "./klarna-accounts"
import { syncPayout, type PayoutSyncResult } from "./sync-payout"

export interface AccountSyncResult {
  provider_id: string
  /** the payout date the sync started from (null: the account's first sync, every payout) */
  since: string | null
  payouts: PayoutSyncResult[]
}

/**
 * Pulls an account's payouts since the last one completely synced (that day included: a payout
 * of the same date may have come after it) and any payout a stopped sync left half-stored.
 * Payouts already complete are skipped; the rest are stored idempotently (syncPayout).
 */
export async function syncAccountPayouts(
  container: MedusaContainer,
  account: KlarnaAccount
): Promise<AccountSyncResult> {
  const klarna = klarnaModule(container)
  const last = await klarna.lastSyncedPayoutDate(account.provider_id)
  const since = last
    ? new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth(), last.getUTCDate())).toISOString()
    : null
  const results: PayoutSyncResult[] = []
  const done = new Set<string>()

  for (const reference of await klarna.unfinishedPayouts(account.provider_id)) {
    const payout = await account.client.settlements.getPayout(reference)
    results.push(await syncPayout(container, account.client, account.provider_id, payout))
    done.add(reference)
  }
  for await (const page of account.client.settlements.payoutPages(since ? { start_date: since } : {})) {
    const references = page.map((p) => p.payment_reference).filter((r) => !done.has(r))
    const stored = references.length
      ? await klarna.listKlarnaPayouts(
          { payment_reference: references },
          { select: ["payment_reference", "transactions_synced_at"] }
        )
      : []
    const complete = new Set(stored.filter((p) => p.transactions_synced_at).map((p) => p.payment_reference))
    for (const payout of page) {
      if (done.has(payout.payment_reference) || complete.has(payout.payment_reference)) continue
      results.push(await syncPayout(container, account.client, account.provider_id, payout))
      done.add(payout.payment_reference)
    }
  }
  return { provider_id: account.provider_id, since, payouts: results }
}
