/** Klarna payment providers are registered as pp_klarna_<id>. */
export const isKlarnaProvider = (providerId: string | null | undefined) =>
  !!providerId && providerId.startsWith("pp_klarna")

type OrderLike = {
  payment_collections?: Array<{
    payments?: Array<{ provider_id?: string | null } | null> | null
    payment_sessions?: Array<{ provider_id?: string | null } | null> | null
  } | null> | null
}

/**
 * Whether to ask the plugin about this order at all: when the order page loaded its payments and
 * none involves a Klarna provider, the answer would be a 404, so the widget stays silent without
 * a request. Orders whose payments were not loaded are asked (the API answers 404 if not Klarna).
 */
export function mayBeKlarnaOrder(order: OrderLike): boolean {
  const collections = order.payment_collections
  if (!Array.isArray(collections)) return true
  const providers = collections.flatMap((c) =>
    [...(c?.payments ?? []), ...(c?.payment_sessions ?? [])].map((p) => p?.provider_id)
  )
  if (!providers.length) return true
  return providers.some(isKlarnaProvider)
}

type FulfillmentsLike = {
  fulfillments?: Array<{ id: string; shipped_at?: unknown; packed_at?: unknown; canceled_at?: unknown } | null> | null
}

/** Changes whenever a fulfillment is created, shipped or canceled (what triggers plugin captures). */
export function fulfillmentSignature(order: FulfillmentsLike): string {
  return (order.fulfillments ?? [])
    .filter(Boolean)
    .map((f) => `${f!.id}:${f!.shipped_at ? 1 : 0}:${f!.canceled_at ? 1 : 0}`)
    .join(",")
}
