import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import type { PayoutDetail, PayoutList } from "../lib/payouts"

const payoutsKey = ["klarna", "payouts"] as const

/** A page of synced Klarna payouts, newest first. */
export function useKlarnaPayouts(page: { limit: number; offset: number }) {
  return useQuery({
    queryKey: [...payoutsKey, page.limit, page.offset],
    queryFn: () => sdk.client.fetch<PayoutList>("/admin/klarna/payouts", { query: page }),
    refetchOnWindowFocus: false,
  })
}

/** One payout with its transactions and their matches. */
export function useKlarnaPayout(paymentReference: string) {
  return useQuery({
    queryKey: [...payoutsKey, "detail", paymentReference],
    queryFn: () =>
      sdk.client.fetch<{ payout: PayoutDetail }>(`/admin/klarna/payouts/${encodeURIComponent(paymentReference)}`),
    refetchOnWindowFocus: false,
  })
}

/** "Sync now": pulls new payouts from Klarna (as the hourly job does). */
export function useSyncKlarnaPayouts() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () =>
      sdk.client.fetch<{ accounts: unknown[] }>("/admin/klarna/settlements/sync", { method: "POST", body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: payoutsKey }),
  })
}
