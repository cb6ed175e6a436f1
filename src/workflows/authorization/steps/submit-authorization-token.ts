import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { asKlarnaData } from "../../../providers/klarna/session-data"
import { isKlarnaProviderId } from "../../../utils/klarna-provider-lookup"

export type SubmitAuthorizationTokenInput = { payment_session_id: string; authorization_token: string }

export const submitAuthorizationTokenStepId = "klarna-submit-authorization-token"
/**
 * Stores the shopper's Klarna authorization token on the payment session. The provider's
 * updatePayment keeps it only if Klarna shows that token on this session's KP session.
 */
export const submitAuthorizationTokenStep = createStep(
  submitAuthorizationTokenStepId,
  async (input: SubmitAuthorizationTokenInput, { container }) => {
    const payment = container.resolve(Modules.PAYMENT)
    const session = await payment.retrievePaymentSession(input.payment_session_id).catch(() => null)
    if (!session || !isKlarnaProviderId(session.provider_id)) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Klarna payment session ${input.payment_session_id} not found`)
    }
    if (session.status === "authorized" || asKlarnaData(session.data).order_id) {
      return new StepResponse({
        payment_session_id: session.id,
        status: session.status,
        cart_id: asKlarnaData(session.data).klarna_cart?.cart_id,
      })
    }
    const updated = await payment.updatePaymentSession({
      id: session.id,
      amount: session.amount,
      currency_code: session.currency_code,
      data: { ...session.data, authorization_token: input.authorization_token },
    })
    return new StepResponse({
      payment_session_id: updated.id,
      status: updated.status,
      cart_id: asKlarnaData(updated.data).klarna_cart?.cart_id,
    })
  }
)
