import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { setKlarnaMerchantReferencesWorkflow } from "../workflows/merchant-references/set-klarna-merchant-references"

/** A placed order's number and id go to its Klarna order; a failure stays on the record for the retry job. */
export default async function klarnaOrderPlaced({ event, container }: SubscriberArgs<{ id: string }>) {
  try {
    await setKlarnaMerchantReferencesWorkflow(container).run({ input: { order_id: event.data.id } })
  } catch (e) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .error(`Klarna merchant references for order ${event.data.id} failed: ${(e as Error).message}`)
  }
}

export const config: SubscriberConfig = { event: "order.placed", context: { subscriberId: "klarna-order-placed" } }
