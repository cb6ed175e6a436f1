import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cancelOrderWorkflow, processPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { ContainerRegistrationKeys, MedusaError, Modules, PaymentSessionStatus } from "@medusajs/framework/utils"
import { isKlarnaProviderId } from "../../../../../utils/klarna-provider-lookup"
import { KLARNA_CAPTURES_REQUESTED } from "../../../../../workflows/capture/events"

/**
 * Klarna's fraud notification (merchant_urls.notification). The body is not trusted: the provider
 * reads the order from Klarna and decides. Answered 200 only once handled, so Klarna retries.
 */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const payment = req.scope.resolve(Modules.PAYMENT)
  const session = await payment.retrievePaymentSession(req.params.session_id).catch(() => null)
  if (!session || !isKlarnaProviderId(session.provider_id)) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, "Unknown Klarna session")
  }
  const event = await payment.getWebhookActionAndData({
    provider: session.provider_id,
    payload: {
      // the session this callback URL was made for; the provider checks that it placed the Klarna order
      data: { ...((req.body ?? {}) as Record<string, unknown>), session_id: session.id },
      rawData: req.rawBody ?? "",
      headers: req.headers,
    },
  })
  if (event.data?.session_id !== session.id) {
    res.status(200).json({ received: true, action: "ignored" })
    return
  }
  if (event.action === "authorized") {
    await processPaymentWorkflow(req.scope).run({ input: event })
    await requestWaitingCaptures(req, session.payment_collection_id)
  } else if (event.action === "failed") {
    await payment.updatePaymentSession({
      id: session.id,
      amount: session.amount,
      currency_code: session.currency_code,
      data: session.data,
      status: PaymentSessionStatus.ERROR,
    })
    await cancelRejectedOrder(req, session.payment_collection_id)
  }
  res.status(200).json({ received: true, action: event.action })
}

async function orderOfPaymentCollection(req: MedusaRequest, paymentCollectionId: string): Promise<string | undefined> {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order_payment_collection",
    fields: ["order_id"],
    filters: { payment_collection_id: paymentCollectionId },
  })
  return data[0]?.order_id
}

/** Klarna accepted the order after review: captures of fulfillments shipped meanwhile can go now. */
async function requestWaitingCaptures(req: MedusaRequest, paymentCollectionId: string) {
  const orderId = await orderOfPaymentCollection(req, paymentCollectionId)
  if (orderId)
    await req.scope.resolve(Modules.EVENT_BUS).emit({ name: KLARNA_CAPTURES_REQUESTED, data: { order_id: orderId } })
}

/** Klarna refused the order after review: it must not ship, so the Medusa order is canceled. */
async function cancelRejectedOrder(req: MedusaRequest, paymentCollectionId: string) {
  const orderId = await orderOfPaymentCollection(req, paymentCollectionId)
  if (!orderId) return
  await cancelOrderWorkflow(req.scope)
    .run({ input: { order_id: orderId, canceled_by: "klarna-fraud-review" } })
    .catch((e: Error) =>
      req.scope
        .resolve(ContainerRegistrationKeys.LOGGER)
        .warn(`Klarna rejected order ${orderId}; cancel it by hand: ${e.message}`)
    )
}
