import { timingSafeEqual } from "node:crypto"
import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { asKlarnaData } from "../../providers/klarna/session-data"
import { isKlarnaProviderId } from "../../utils/klarna-provider-lookup"
import { submitKlarnaAuthorizationWorkflow } from "../../workflows/authorization/submit-klarna-authorization"

const sameToken = (a: unknown, b: string) =>
  typeof a === "string" && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

export type AuthorizationSubmission =
  /** the token was checked against Klarna and stored on the session */
  | { kind: "stored"; payment_session_id: string; status: string; cart_id?: string }
  /** the session was already authorized with this very token: nothing to do (a resend) */
  | { kind: "already_authorized"; payment_session_id: string; status: string; cart_id?: string }
  /** the session was already authorized with another token: this one was not used */
  | { kind: "conflict"; payment_session_id: string; status: string }

/**
 * The shopper's (store route) or Klarna's (callback) authorization token for a Medusa payment
 * session. An already authorized session is answered from what it holds, honestly: the same
 * token again is a resend; another token is refused as a conflict (it is not stored, and nothing
 * is sent to Klarna). Otherwise the token is kept only if Klarna shows it on the session's KP
 * session (the provider's updatePayment asks Klarna), else NOT_ALLOWED.
 */
export async function submitAuthorizationToken(
  scope: MedusaContainer,
  input: { payment_session_id: string; authorization_token: string; klarna_session_id?: string }
): Promise<AuthorizationSubmission> {
  const payment = scope.resolve(Modules.PAYMENT)
  const session = await payment.retrievePaymentSession(input.payment_session_id).catch(() => null)
  const data = asKlarnaData(session?.data)
  if (
    !session ||
    !isKlarnaProviderId(session.provider_id) ||
    (input.klarna_session_id !== undefined && input.klarna_session_id !== data.klarna_session_id)
  ) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Klarna payment session ${input.payment_session_id} not found`)
  }
  if (session.status === "authorized" || data.order_id) {
    const base = { payment_session_id: session.id, status: session.status as string }
    return sameToken(data.authorization_token, input.authorization_token)
      ? { kind: "already_authorized", ...base, cart_id: data.klarna_cart?.cart_id }
      : { kind: "conflict", ...base }
  }
  const { result } = await submitKlarnaAuthorizationWorkflow(scope).run({
    input: { payment_session_id: session.id, authorization_token: input.authorization_token },
  })
  return {
    kind: "stored",
    payment_session_id: result.payment_session_id,
    status: result.status,
    cart_id: result.cart_id,
  }
}

export const alreadyAuthorizedMessage = (id: string) =>
  `Payment session ${id} is already authorized with another authorization token; this token was not used`
