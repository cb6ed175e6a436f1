import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { KLARNA_CAPTURES_REQUESTED } from "../workflows/capture/events"
import { runOrderCaptures } from "../workflows/capture/run-order-captures"

/** Something an order's waiting captures depended on happened (e.g. Klarna accepted it after fraud review). */
export default async function klarnaCapturesRequested({ event, container }: SubscriberArgs<{ order_id: string }>) {
  try {
    await runOrderCaptures(container, event.data.order_id)
  } catch (e) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .error(`Klarna captures of order ${event.data.order_id} failed: ${(e as Error).message}`)
  }
}

export const config: SubscriberConfig = {
  event: KLARNA_CAPTURES_REQUESTED,
  context: { subscriberId: "klarna-captures-requested" },
}
