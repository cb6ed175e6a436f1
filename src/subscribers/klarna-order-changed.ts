import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, OrderEditWorkflowEvents, OrderWorkflowEvents } from "@medusajs/framework/utils"
import { followKlarnaOrderChangeWorkflow } from "../workflows/order-change/follow-klarna-order-change"

/** Every Medusa order change that can replace the order's payment collection or change what it costs. */
export const ORDER_CHANGE_EVENTS = [
  OrderEditWorkflowEvents.CONFIRMED,
  OrderWorkflowEvents.RETURN_REQUESTED,
  OrderWorkflowEvents.RETURN_RECEIVED,
  OrderWorkflowEvents.CLAIM_CREATED,
  OrderWorkflowEvents.EXCHANGE_CREATED,
]

/** The order's Klarna order follows the change (see the workflow). */
export default async function klarnaOrderChanged({ event, container }: SubscriberArgs<{ order_id: string }>) {
  try {
    await followKlarnaOrderChangeWorkflow(container).run({ input: { order_id: event.data.order_id } })
  } catch (e) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .error(`Klarna could not follow the change of order ${event.data.order_id}: ${(e as Error).message}`)
  }
}

export const config: SubscriberConfig = {
  event: ORDER_CHANGE_EVENTS,
  context: { subscriberId: "klarna-order-changed" },
}
