import { container as medusaContainer } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { PaymentModuleServices } from "./payment-module-services"

/**
 * Whether a placed Medusa order holds this payment's collection. Medusa cancels the payments of an
 * order's collection both when the order is canceled and when an order change (edit, return, claim,
 * exchange) makes it open a new collection, with the same call and context; the Klarna order of a
 * placed order is then the order's to end (order.canceled, or nothing left to ship), never the
 * provider's. A payment no order holds (a cart whose completion failed) is canceled at Klarna as before.
 *
 * The provider runs inside the payment module, which cannot see the order link: it is read through
 * Medusa's application container. Undefined when it can't be read (outside a running Medusa).
 */
export async function heldByPlacedOrder(
  cradle: PaymentModuleServices,
  paymentId?: string
): Promise<boolean | undefined> {
  if (!paymentId || !cradle.paymentService?.retrieve) return undefined
  const payment = await cradle.paymentService
    .retrieve(paymentId, { select: ["id", "payment_collection_id"] })
    .catch(() => null)
  const collectionId = payment?.payment_collection_id
  if (!collectionId || !medusaContainer.hasRegistration(ContainerRegistrationKeys.QUERY)) return undefined
  const query = medusaContainer.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order_payment_collection",
    fields: ["order_id"],
    filters: { payment_collection_id: collectionId },
  })
  return data.length > 0
}
