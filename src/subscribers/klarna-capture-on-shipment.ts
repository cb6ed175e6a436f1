import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { runFulfillmentCapture } from "../workflows/capture/run-fulfillment-capture"

/** capture_on "shipment" (default): a shipped fulfillment is captured at Klarna. */
export default async function klarnaCaptureOnShipment({ event, container }: SubscriberArgs<{ id: string }>) {
  try {
    await runFulfillmentCapture(container, event.data.id)
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
