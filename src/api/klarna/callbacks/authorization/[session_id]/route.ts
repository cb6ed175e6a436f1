import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { KlarnaAuthorizationCallbackType } from "../../../../store/klarna/validators"
import { alreadyAuthorizedMessage, submitAuthorizationToken } from "../../../../utils/klarna-authorization-submission"

/**
 * Klarna's server-to-server authorization callback (merchant_urls.authorization), for shoppers
 * whose browser never came back: `{ authorization_token, session_id }`, unsigned. It stores the
 * token, then places the order.
 *
 * How it is verified, without a secret in the URL: the token is kept only if Klarna, asked with
 * the merchant's credentials, shows that very token on this payment session's KP session (GET
 * /payments/v1/sessions/{id} in the provider's updatePayment), and the body's session_id must be
 * that KP session. A Klarna authorization token is an unguessable credential for one session,
 * valid 60 minutes, that only Klarna and the shopper's browser hold; whoever holds it may place
 * this order, which is exactly what the public store route
 * POST /store/klarna/payment-sessions/:id/authorization allows too. A forged callback can at
 * most make the store ask Klarna once. A secret path segment added nothing to that check and
 * leaked: Medusa's request logger writes every URL (path and query) to the store's log.
 */
export const POST = async (req: MedusaRequest<KlarnaAuthorizationCallbackType>, res: MedusaResponse) => {
  const result = await submitAuthorizationToken(req.scope, {
    payment_session_id: req.params.session_id,
    authorization_token: req.validatedBody.authorization_token,
    klarna_session_id: req.validatedBody.session_id,
  })
  if (result.kind === "conflict") {
    return void res.status(409).json({ type: "conflict", message: alreadyAuthorizedMessage(result.payment_session_id) })
  }
  if (result.kind === "stored" && result.cart_id) {
    const logger = req.scope.resolve(ContainerRegistrationKeys.LOGGER)
    await completeCartWorkflow(req.scope)
      .run({ input: { id: result.cart_id } })
      .catch((e: Error) =>
        logger.warn(`Klarna authorization callback: cart ${result.cart_id} not completed: ${e.message}`)
      )
  }
  res.status(200).json({ received: true })
}
