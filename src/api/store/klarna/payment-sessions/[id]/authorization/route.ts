import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import {
  alreadyAuthorizedMessage,
  submitAuthorizationToken,
} from "../../../../../utils/klarna-authorization-submission"
import type { StoreKlarnaAuthorizationType } from "../../../validators"

/**
 * The storefront hands over the token from Klarna.Payments.authorize(); then it completes the cart.
 * 200 `{ payment_session: { id, status } }` once Klarna confirmed the token belongs to the session
 * (a resend of the token that authorized it: the same, with `already_authorized: true`);
 * 409 when the session is already authorized with another token; 400 for a token Klarna does not
 * show on the session.
 */
export const POST = async (req: MedusaRequest<StoreKlarnaAuthorizationType>, res: MedusaResponse) => {
  const result = await submitAuthorizationToken(req.scope, {
    payment_session_id: req.params.id,
    authorization_token: req.validatedBody.authorization_token,
  })
  const payment_session = { id: result.payment_session_id, status: result.status }
  if (result.kind === "conflict") {
    return void res
      .status(409)
      .json({ type: "conflict", message: alreadyAuthorizedMessage(result.payment_session_id), payment_session })
  }
  res.json({ payment_session, ...(result.kind === "already_authorized" ? { already_authorized: true } : {}) })
}
