import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { idempotencyKeyFor, isKlarnaError, klarnaFailureOf, recordedKlarnaFailure } from "../../../lib/klarna"
import { getKlarnaProvider } from "../../../utils/klarna-provider-lookup"
import { recordKlarnaAction } from "../../common/steps/record-klarna-action"
import type { OrderChangeState } from "./load-order-change"

export const UPDATE_AUTHORIZATION_ACTION = "update_authorization"

/**
 * Klarna's authorization follows the changed order (PATCH …/authorization: the new amount and the
 * order's lines), keyed by the Medusa order change, so a retry or a duplicate event changes it
 * once. A decrease always applies; an increase is Klarna's risk decision: a refusal (403) leaves
 * the original authorization intact and usable, and is recorded for the admin with Klarna's answer.
 * Live Klarna payments keep Klarna's new amount in their data (the capture plan reads it).
 */
export const updateKlarnaAuthorizationStepId = "klarna-update-authorization"

export const updateKlarnaAuthorizationStep = createStep(
  updateKlarnaAuthorizationStepId,
  async (state: OrderChangeState | null, { container }) => {
    const update = state?.plan.update
    if (!state || !update) return new StepResponse({ updated: false, refused: false })
    const client = getKlarnaProvider(container, state.provider_id).klarnaClient()
    const action = {
      order_id: state.order_id,
      klarna_order_id: state.klarna_order_id,
      action: UPDATE_AUTHORIZATION_ACTION,
      actor_id: "system",
    }
    const amounts = { from: state.klarna.order_amount, to: update.order_amount, order_change_id: state.change_id }
    try {
      await client.updateAuthorization(
        state.klarna_order_id,
        {
          order_amount: update.order_amount,
          order_lines: update.order_lines,
          description: "Order changed in the shop",
        },
        { idempotencyKey: idempotencyKeyFor(`${state.change_id}:${update.order_amount}`, "update-authorization") }
      )
    } catch (e) {
      if (!isKlarnaError(e) || e.retryable) throw e
      await recordKlarnaAction(container, {
        ...action,
        outcome: "failed",
        details: { ...amounts, last_error: recordedKlarnaFailure(klarnaFailureOf(e)) },
      })
      return new StepResponse({ updated: false, refused: true })
    }
    const payments = container.resolve(Modules.PAYMENT)
    for (const p of state.live_payments) {
      await payments.updatePayment({ id: p.id, data: { ...p.data, order_amount: update.order_amount } } as never)
    }
    await recordKlarnaAction(container, { ...action, outcome: "succeeded", details: amounts })
    return new StepResponse({ updated: true, refused: false })
  }
)
