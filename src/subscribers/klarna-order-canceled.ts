import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { runOrderCaptures } from "../workflows/capture/run-order-captures"
import { settleCanceledKlarnaOrderWorkflow } from "../workflows/klarna-order-cancel/settle-canceled-klarna-order"

/**
 * Medusa's cancel refunds captured payments and cancels only uncaptured ones, so a partly
 * captured Klarna order would keep its remaining authorization: this settles it, whatever
 * canceled the order (admin, workflow, fraud rejection).
 */
export default async function klarnaOrderCanceled({ event, container }: SubscriberArgs<{ id: string }>) {
  try {
    await settleCanceledKlarnaOrderWorkflow(container).run({ input: { order_id: event.data.id } })
    // captures still waiting (Klarna unreachable, fraud review) are closed as canceled now
    await runOrderCaptures(container, event.data.id)
  } catch (e) {
    // the record (if created) stays pending: the retry job picks it up
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .error(`Klarna cancel/release for order ${event.data.id} failed: ${(e as Error).message}`)
  }
}

export const config: SubscriberConfig = { event: "order.canceled", context: { subscriberId: "klarna-order-canceled" } }
