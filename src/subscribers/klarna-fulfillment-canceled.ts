import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { refundCanceledFulfillmentWorkflow } from "../workflows/fulfillment-cancel/refund-canceled-fulfillment"

/**
 * Medusa cancels only unshipped fulfillments, so a captured one is one captured on creation
 * (`capture_on: fulfillment`): its capture is refunded (a failure stays on the record for the retry job).
 */
export default async function klarnaFulfillmentCanceled({
  event,
  container,
}: SubscriberArgs<{ order_id: string; fulfillment_id: string }>) {
  try {
    await refundCanceledFulfillmentWorkflow(container).run({ input: { fulfillment_id: event.data.fulfillment_id } })
  } catch (e) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .error(`Klarna refund of canceled fulfillment ${event.data.fulfillment_id} failed: ${(e as Error).message}`)
  }
}

export const config: SubscriberConfig = {
  event: "order.fulfillment_canceled",
  context: { subscriberId: "klarna-fulfillment-canceled" },
}
