/** A Medusa payment session as the store API returns it (cart.payment_collection.payment_sessions[]). */
export interface MedusaPaymentSessionLike {
  id: string
  provider_id: string
  data?: Record<string, unknown> | null
}

export interface KlarnaSessionInfo {
  payment_session_id: string
  client_token: string
  /** the categories Klarna offers for this purchase, e.g. pay_later, pay_over_time */
  categories: { identifier: string; name: string }[]
}

export const isKlarnaSession = (session: MedusaPaymentSessionLike) => session.provider_id.startsWith("pp_klarna")

/** The cart's Klarna session, if it has one. */
export function findKlarnaSession(
  sessions: MedusaPaymentSessionLike[] | null | undefined
): MedusaPaymentSessionLike | undefined {
  return (sessions ?? []).find(isKlarnaSession)
}

/** What the widget needs from the session the plugin created; throws when it is not a usable Klarna session. */
export function klarnaSessionInfo(session: MedusaPaymentSessionLike): KlarnaSessionInfo {
  if (!isKlarnaSession(session))
    throw new Error(`Payment session ${session.id} is not a Klarna session (${session.provider_id})`)
  const data = session.data ?? {}
  if (typeof data.client_token !== "string" || !data.client_token) {
    throw new Error(`Payment session ${session.id} has no Klarna client_token`)
  }
  const categories = Array.isArray(data.payment_method_categories)
    ? (data.payment_method_categories as ({ identifier?: unknown; name?: unknown } | null)[])
        .filter((c): c is { identifier: string; name?: unknown } => !!c && typeof c.identifier === "string")
        .map((c) => ({ identifier: c.identifier as string, name: typeof c.name === "string" ? c.name : c.identifier }))
    : []
  return { payment_session_id: session.id, client_token: data.client_token, categories }
}
