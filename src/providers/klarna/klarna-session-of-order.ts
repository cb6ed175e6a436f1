import type { OmOrder } from "../../lib/klarna/types"
import type { PaymentModuleServices } from "./payment-module-services"

/** Medusa's payment session ids (`payses_…`); after placement merchant_reference2 holds an order id instead. */
export const isPaymentSessionId = (id: string) => id.startsWith("payses_")

/**
 * The Medusa payment session that placed this Klarna order, among `candidates` (ids from a
 * callback URL or Klarna's merchant_reference2, none of them trusted): the first whose stored data
 * (written by the provider when it created the Klarna order) holds this Klarna order id.
 */
export async function klarnaSessionOfOrder(
  cradle: PaymentModuleServices,
  order: Pick<OmOrder, "order_id">,
  candidates: unknown[]
): Promise<string | undefined> {
  const ids = [...new Set(candidates.filter((c): c is string => typeof c === "string" && isPaymentSessionId(c)))]
  for (const id of ids) {
    const session = await cradle.paymentSessionService?.retrieve(id, { select: ["id", "data"] }).catch(() => null)
    if (session?.data?.order_id === order.order_id) return session.id
  }
  return undefined
}
