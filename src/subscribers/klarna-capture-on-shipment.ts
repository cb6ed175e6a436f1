import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { runFulfillmentCapture } from "../workflows/capture/run-fulfillment-capture"
import { followOrderAfterCapture } from "../workflows/order-change/follow-after-capture"

/** capture_on "shipment" (default): a shipped fulfillment is captured at Klarna. */
export default async function klarnaCaptureOnShipment({ event, container }: SubscriberArgs<{ id: string }>) {
  try {
    const record = await runFulfillmentCapture(container, event.data.id)
    await followOrderAfterCapture(container, record)
  } catch (e) {
    // the intent, once written, is finished by the retry job; before it, the job's sweep writes it
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .error(`Klarna capture on shipment ${event.data.id} failed: ${(e as Error).message}`)
  }
}

export const config: SubscriberConfig = {
  event: "shipment.created",
  context: { subscriberId: "klarna-capture-on-shipment" },
}
