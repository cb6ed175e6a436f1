import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { OrderChangeState } from "./load-order-change"

/**
 * A partly captured collection Medusa closed for a change (the rest moved to the new collection),
 * or the order's collection once nothing is left to ship, asks no more than it captured: Medusa
 * then shows the order fully captured when every shipped item is.
 */
export const settleMedusaCollectionsStepId = "klarna-settle-medusa-collections"

export const settleMedusaCollectionsStep = createStep(
  settleMedusaCollectionsStepId,
  async (state: OrderChangeState | null, { container }) => {
    if (!state?.plan.settle.length) return new StepResponse({ settled: [] as string[] })
    const payments = container.resolve(Modules.PAYMENT)
    for (const s of state.plan.settle) {
      await payments.updatePaymentCollections(s.collection_id, { amount: s.medusa_amount })
    }
    return new StepResponse({ settled: state.plan.settle.map((s) => s.collection_id) })
  }
)
