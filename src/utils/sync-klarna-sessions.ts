import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { BigNumberValue, Logger, MedusaContainer } from "@medusajs/framework/types"
import { toMinorUnits } from "../lib/amounts"
import type { KlarnaPaymentData } from "../providers/klarna/session-data"
import { klarnaCartChanged } from "./klarna-cart-changed"
import { getKlarnaProvider, isKlarnaProviderId } from "./klarna-provider-lookup"
import { buildKlarnaCartSnapshot } from "./klarna-session-request"
import { ORDER_LINES_FIELDS } from "./order-lines-source"
import { queryRows } from "./query-rows"

export interface KlarnaSessionSync {
  payment_session_id: string
  /** the KP session was updated to the cart just now */
  resynced: boolean
  /** the shopper authorized an older cart (that authorization was cancelled) and has not authorized again */
  needs_authorization_again: boolean
}

/** Set in the session's data when an authorization for an older cart was dropped. */
export const AUTHORIZATION_DROPPED = "klarna_authorization_dropped"

const SESSION_FIELDS = ["id", "provider_id", "status", "amount", "currency_code", "data"].map(
  (f) => `payment_collection.payment_sessions.${f}`
)

/** A payment session as SESSION_FIELDS reads it. */
interface SessionRow {
  id: string
  provider_id: string
  status: string
  amount: BigNumberValue
  currency_code: string
  data: KlarnaPaymentData
}

type CartWithSessions = Parameters<typeof buildKlarnaCartSnapshot>[0] & {
  payment_collection?: { payment_sessions?: (SessionRow | null)[] | null } | null
}

/**
 * Brings the cart's open Klarna sessions in line with the cart: when the lines, amounts or
 * addresses differ from what the session carries, the KP session at Klarna is updated (through the
 * provider's updatePayment) with the cart as it is now. An authorization the shopper gave for the
 * old cart no longer fits, so it is cancelled at Klarna and dropped: they authorize again.
 *
 * A session whose amount differs from the cart's total is left alone: Medusa deletes those when it
 * refreshes the payment collection, and the storefront creates a new one.
 */
export async function syncKlarnaSessionsForCart(
  container: MedusaContainer,
  cartId: string
): Promise<KlarnaSessionSync[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const [cart] = await queryRows<CartWithSessions>(query, {
    entity: "cart",
    fields: [...ORDER_LINES_FIELDS, ...SESSION_FIELDS],
    filters: { id: cartId },
  })
  if (!cart) return []
  const sessions = (cart.payment_collection?.payment_sessions ?? []).filter(
    (s): s is SessionRow =>
      !!s &&
      isKlarnaProviderId(s.provider_id) &&
      s.status !== "authorized" &&
      !!s.data?.klarna_session_id &&
      !s.data?.order_id
  )
  if (!sessions.length) return []

  const payment = container.resolve(Modules.PAYMENT)
  const synced: KlarnaSessionSync[] = []
  for (const session of sessions) {
    const provider = getKlarnaProvider(container, session.provider_id)
    const snapshot = buildKlarnaCartSnapshot(cart, provider.options.product_url_base)
    const waiting = !!session.data[AUTHORIZATION_DROPPED] && !session.data.authorization_token
    const unchanged = !klarnaCartChanged(session.data.klarna_cart, snapshot)
    if (unchanged || snapshot.order_amount !== toMinorUnits(session.amount, session.currency_code)) {
      synced.push({ payment_session_id: session.id, resynced: false, needs_authorization_again: waiting })
      continue
    }
    const token: string | undefined = session.data.authorization_token
    if (token) {
      await provider
        .klarnaClient()
        .cancelAuthorization(token)
        .catch(() => undefined) // gone already is fine
    }
    await payment.updatePaymentSession({
      id: session.id,
      amount: session.amount,
      currency_code: session.currency_code,
      data: {
        ...session.data,
        klarna_cart: snapshot,
        authorization_token: undefined,
        [AUTHORIZATION_DROPPED]: waiting || !!token,
      },
    })
    synced.push({ payment_session_id: session.id, resynced: true, needs_authorization_again: waiting || !!token })
  }
  return synced
}

/** For the cart-refresh hook: a Klarna outage must not block the shopper's cart, completion re-checks. */
export async function trySyncKlarnaSessionsForCart(container: MedusaContainer, cartId: string): Promise<void> {
  try {
    await syncKlarnaSessionsForCart(container, cartId)
  } catch (e) {
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER) as Logger
    logger.warn(
      `Klarna: could not update the Klarna session of cart ${cartId} (checked again at completion): ${(e as Error).message}`
    )
  }
}
