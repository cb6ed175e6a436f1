import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { cancelOperationFor } from "../../../lib/cancel-operation"
import { idempotencyKeyFor, isKlarnaError, klarnaFailureOf, recordedKlarnaFailure } from "../../../lib/klarna"
import { getKlarnaProvider } from "../../../utils/klarna-provider-lookup"
import type { RecordKlarnaActionInput } from "../../common/steps/record-klarna-action"
import { findOrCreateCancelRecord } from "../operation-store"
import type { KlarnaOrderOperationRecord } from "../types"

const ACTION = { cancel: "cancel_order", release: "release_remaining_authorization" } as const

export interface SettledCanceledKlarnaOrder {
  /** null when the order is not paid with Klarna */
  record: KlarnaOrderOperationRecord | null
  /** how the record ends this attempt (written by updateKlarnaOrderOperationStep); null: nothing to do */
  patch: Partial<KlarnaOrderOperationRecord> | null
  /** the klarna_action row of what was done or refused at Klarna (written by recordKlarnaActionStep) */
  action: RecordKlarnaActionInput | null
}

export const settleCanceledKlarnaOrderStepId = "klarna-settle-canceled-order-step"
/**
 * A canceled Medusa order's Klarna order ends where it should: cancelled when nothing was
 * captured, the remaining authorization released after a partial capture, nothing when fully
 * captured. Decided from Klarna's order on every attempt, and keyed by the Klarna order id like
 * the provider's own cancelPayment, so Klarna does it once whoever gets there first. Klarna's
 * refusals go on the record (failed, or pending when temporary) for the retry job. The workflow
 * writes the action-log row, then the record: the row is there once the record says what happened.
 */
export const settleCanceledKlarnaOrderStep = createStep(
  settleCanceledKlarnaOrderStepId,
  async (input: { order_id: string }, { container }) => {
    const record = await findOrCreateCancelRecord(container, input.order_id)
    const settled = (
      patch: SettledCanceledKlarnaOrder["patch"] = null,
      action: SettledCanceledKlarnaOrder["action"] = null
    ) => new StepResponse<SettledCanceledKlarnaOrder>({ record, patch, action })
    if (!record || record.status === "succeeded") return settled()
    const client = getKlarnaProvider(container, record.provider_id).klarnaClient()
    const attempts = Number(record.attempts ?? 0) + 1
    let operation = record.operation
    try {
      const order = await client.getOrder(record.klarna_order_id)
      const decision = cancelOperationFor(order)
      operation = decision.operation
      let status = order.status
      let action: RecordKlarnaActionInput | null = null
      if (decision.needed) {
        if (operation === "cancel") {
          await client.cancelOrder(order.order_id, { idempotencyKey: idempotencyKeyFor(order.order_id, "cancel") })
        } else {
          await client.releaseRemainingAuthorization(order.order_id, {
            idempotencyKey: idempotencyKeyFor(order.order_id, "release"),
          })
        }
        status = (await client.getOrder(order.order_id)).status
        action = {
          order_id: record.order_id,
          klarna_order_id: record.klarna_order_id,
          action: ACTION[operation as "cancel" | "release"],
          actor_id: "system",
          outcome: "succeeded",
          details: { reason: "order_canceled", klarna_status: status },
        }
      }
      return settled({ operation, status: "succeeded", attempts, klarna_status: status, last_error: null }, action)
    } catch (e) {
      if (!isKlarnaError(e)) throw e
      const lastError = { ...recordedKlarnaFailure(klarnaFailureOf(e)), at: new Date().toISOString() }
      return settled(
        { operation, status: e.retryable ? "pending" : "failed", attempts, last_error: lastError },
        {
          order_id: record.order_id,
          klarna_order_id: record.klarna_order_id,
          action: operation && operation !== "none" ? ACTION[operation] : "settle_canceled_order",
          actor_id: "system",
          outcome: "failed",
          details: { reason: "order_canceled", last_error: lastError },
        }
      )
    }
  }
)
