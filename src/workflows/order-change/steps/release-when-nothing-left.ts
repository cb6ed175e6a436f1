import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { cancelOperationFor } from "../../../lib/cancel-operation"
import { idempotencyKeyFor } from "../../../lib/klarna"
import { getKlarnaProvider } from "../../../utils/klarna-provider-lookup"
import { recordKlarnaAction } from "../../common/steps/record-klarna-action"
import type { OrderChangeState } from "./load-order-change"

/**
 * Nothing is left to ship: what Klarna still holds is released, under the Klarna order's release
 * key (the one a later order cancel would use), so it happens once whoever gets there first.
 */
export const releaseWhenNothingLeftStepId = "klarna-release-when-nothing-left"

export const releaseWhenNothingLeftStep = createStep(
  releaseWhenNothingLeftStepId,
  async (state: OrderChangeState | null, { container }) => {
    if (!state?.plan.release) return new StepResponse({ released: false })
    const client = getKlarnaProvider(container, state.provider_id).klarnaClient()
    const key = idempotencyKeyFor(state.klarna_order_id, "release")
    try {
      await client.releaseRemainingAuthorization(state.klarna_order_id, { idempotencyKey: key })
    } catch (e) {
      // already released or captured meanwhile: Klarna is where it should be
      if (cancelOperationFor(await client.getOrder(state.klarna_order_id)).operation === "release") throw e
    }
    await recordKlarnaAction(container, {
      order_id: state.order_id,
      klarna_order_id: state.klarna_order_id,
      action: "release_remaining_authorization",
      actor_id: "system",
      outcome: "succeeded",
      details: { reason: "nothing_left_to_ship", released: state.klarna.remaining_authorized_amount },
    })
    return new StepResponse({ released: true })
  }
)
