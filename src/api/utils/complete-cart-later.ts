import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { completeCartWorkflow } from "@medusajs/medusa/core-flows"

/**
 * How long Klarna's authorization callback leaves the shopper's own browser to place the order
 * (env KLARNA_CALLBACK_GRACE_MS). Klarna calls back the moment the shopper approves, while the
 * storefront completes the same cart: completing it from both sides at once makes them wait on
 * Medusa's cart lock, and the storefront gets 409s. The callback is for browsers that never return.
 */
const graceMs = () => Number(process.env.KLARNA_CALLBACK_GRACE_MS ?? 15_000)

/** Completes the cart after the grace period, unless it was completed meanwhile. */
export function completeCartLater(container: MedusaContainer, cartId: string): void {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const run = async () => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "cart", fields: ["id", "completed_at"], filters: { id: cartId } })
    if (!data[0] || data[0].completed_at) return
    await completeCartWorkflow(container).run({ input: { id: cartId } })
  }
  setTimeout(() => {
    run().catch((e: Error) => logger.warn(`Klarna authorization callback: cart ${cartId} not completed: ${e.message}`))
  }, graceMs()).unref()
}
