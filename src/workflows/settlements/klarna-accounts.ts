import type { MedusaContainer } from "@medusajs/framework/types"
import type { KlarnaClient } from "../../lib/klarna"
import { DEFAULT_PAYOUT_OVERDUE_DAYS } from "../../lib/payouts"
import { getKlarnaProvider, klarnaProviderIds } from "../../utils/klarna-provider-lookup"

/** A configured Klarna merchant account: a registered Klarna provider instance and its client. */
export interface KlarnaAccount {
  provider_id: string
  client: KlarnaClient
  payout_overdue_days: number
}

/** The account of a provider id, or undefined when no instance of it is loaded (removed from medusa-config). */
export function accountOf(container: MedusaContainer, providerId: string): KlarnaAccount | undefined {
  try {
    const provider = getKlarnaProvider(container, providerId)
    return {
      provider_id: providerId,
      client: provider.klarnaClient(),
      payout_overdue_days: provider.options.payout_overdue_days ?? DEFAULT_PAYOUT_OVERDUE_DAYS,
    }
  } catch {
    return undefined
  }
}

/** Days after which an unpaid capture is a discrepancy: the strictest of the accounts' settings. */
export async function payoutOverdueDays(container: MedusaContainer): Promise<number> {
  const days = (await klarnaProviderIds(container))
    .map((id) => accountOf(container, id)?.payout_overdue_days)
    .filter((d): d is number => typeof d === "number")
  return days.length ? Math.min(...days) : DEFAULT_PAYOUT_OVERDUE_DAYS
}
