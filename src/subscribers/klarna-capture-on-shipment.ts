import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { captureFulfillment } from "../workflows/klarna-capture/capture-fulfillment"

/** capture_on "shipment" (default): a shipped fulfillment is captured at Klarna. */
export default async function klarnaCaptureOnShipment({ event, container }: SubscriberArgs<{ id: string }>) {
  try {
    await captureFulfillment(container, event.data.id, "shipment")
  } catch (e) {
    // the capture record (if created) stays pending: the retry job picks it up
    container.resolve(ContainerRegistrationKeys.LOGGER).error(`Klarna capture on shipment ${event.data.id} failed: ${(e as Error).message}`)
  }
}

export const config: SubscriberConfig = { event: "shipment.created", context: { subscriberId: "klarna-capture-on-shipment" } }
