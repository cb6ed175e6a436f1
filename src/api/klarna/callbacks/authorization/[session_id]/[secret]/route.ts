import { timingSafeEqual } from "crypto"
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { getKlarnaProvider, isKlarnaProviderId } from "../../../../../../utils/klarna-provider-lookup"
import { submitKlarnaAuthorizationWorkflow } from "../../../../../../workflows/submit-klarna-authorization"
import type { KlarnaAuthorizationCallbackType } from "../../../../../store/klarna/validators"

const sameSecret = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

/**
 * Klarna's server-to-server authorization callback (merchant_urls.authorization). Unsigned, so it
 * is only accepted with the per-session secret in the URL, and the token is still checked against
 * the KP session. It then places the order, for shoppers whose browser never came back.
 */
export const POST = async (req: MedusaRequest<KlarnaAuthorizationCallbackType>, res: MedusaResponse) => {
  const { session_id, secret } = req.params
  const payment = req.scope.resolve(Modules.PAYMENT)
  const session = await payment.retrievePaymentSession(session_id).catch(() => null)
  const expected = session && isKlarnaProviderId(session.provider_id) ? getKlarnaProvider(req.scope, session.provider_id).callbackSecret(session.id) : undefined
  if (!session || !expected || !sameSecret(expected, secret)) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, "Unknown Klarna session")
  }
  const { result } = await submitKlarnaAuthorizationWorkflow(req.scope).run({
    input: { payment_session_id: session_id, authorization_token: req.validatedBody.authorization_token },
  })
  if (result.cart_id) {
    const logger = req.scope.resolve(ContainerRegistrationKeys.LOGGER)
    await completeCartWorkflow(req.scope)
      .run({ input: { id: result.cart_id } })
      .catch((e: Error) => logger.warn(`Klarna authorization callback: cart ${result.cart_id} not completed: ${e.message}`))
  }
  res.status(200).json({ received: true })
}
