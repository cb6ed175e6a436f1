import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { runFulfillmentCapture } from "../workflows/capture/run-fulfillment-capture"
import { followOrderAfterCapture } from "../workflows/order-change/follow-after-capture"

/** capture_on "fulfillment" (e.g. digital goods): a created fulfillment is captured at Klarna. */
export default async function klarnaCaptureOnFulfillment({
  event,
  container,
}: SubscriberArgs<{ order_id: string; fulfillment_id: string }>) {
  try {
    const record = await runFulfillmentCapture(container, event.data.fulfillment_id)
    await followOrderAfterCapture(container, record)
  } catch (e) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .error(`Klarna capture on fulfillment ${event.data.fulfillment_id} failed: ${(e as Error).message}`)
  }
}

export const config: SubscriberConfig = {
  event: "order.fulfillment_created",
  context: { subscriberId: "klarna-capture-on-fulfillment" },
}
