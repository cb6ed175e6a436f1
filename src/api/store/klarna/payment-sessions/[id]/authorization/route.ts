import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { submitKlarnaAuthorizationWorkflow } from "../../../../../../workflows/submit-klarna-authorization"
import type { StoreKlarnaAuthorizationType } from "../../../validators"

/** The storefront hands over the token from Klarna.Payments.authorize(); then it completes the cart. */
export const POST = async (req: MedusaRequest<StoreKlarnaAuthorizationType>, res: MedusaResponse) => {
  const { result } = await submitKlarnaAuthorizationWorkflow(req.scope).run({
    input: { payment_session_id: req.params.id, authorization_token: req.validatedBody.authorization_token },
  })
  res.json({ payment_session: { id: result.payment_session_id, status: result.status } })
}
