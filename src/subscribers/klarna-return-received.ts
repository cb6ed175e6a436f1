import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { noteKlarnaReturnWorkflow } from "../workflows/return/note-klarna-return"

/** A received return's lines are kept for its refund, so Klarna's invoice shows the returned items. */
export default async function klarnaReturnReceived({
  event,
  container,
}: SubscriberArgs<{ order_id: string; return_id: string }>) {
  try {
    await noteKlarnaReturnWorkflow(container).run({
      input: { order_id: event.data.order_id, return_id: event.data.return_id },
    })
  } catch (e) {
    // the refund then goes to Klarna amount-only
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`Klarna lines for return ${event.data.return_id} not kept: ${(e as Error).message}`)
  }
}

export const config: SubscriberConfig = {
  event: "order.return_received",
  context: { subscriberId: "klarna-return-received" },
}
