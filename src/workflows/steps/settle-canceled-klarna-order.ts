import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { cancelOperationFor } from "../../lib/cancel-operation"
import { idempotencyKeyFor, isKlarnaError } from "../../lib/klarna"
import { describeKlarnaError } from "../../utils/klarna-medusa-error"
import { getKlarnaProvider } from "../../utils/klarna-provider-lookup"
import { klarnaModule } from "../capture/record-store"
import { findOrCreateCancelRecord, updateOperationRecord } from "../klarna-order-cancel/operation-store"

const ACTION = { cancel: "cancel_order", release: "release_remaining_authorization" } as const

/**
 * A canceled Medusa order's Klarna order ends where it should: cancelled when nothing was
 * captured, the remaining authorization released after a partial capture, nothing when fully
 * captured. Decided from Klarna's order on every attempt, and keyed by the Klarna order id like
 * the provider's own cancelPayment, so Klarna does it once whoever gets there first. Klarna's
 * refusals are stored on the record (failed, or pending when temporary) for the retry job.
 */
export const settleCanceledKlarnaOrderStep = createStep(
  "klarna-settle-canceled-order",
  async (input: { order_id: string }, { container }) => {
    const record = await findOrCreateCancelRecord(container, input.order_id)
    if (!record || record.status === "succeeded") return new StepResponse(record)
    const client = getKlarnaProvider(container, record.provider_id).klarnaClient()
    const attempts = Number(record.attempts ?? 0) + 1
    let operation = record.operation
    try {
      const order = await client.getOrder(record.klarna_order_id)
      const decision = cancelOperationFor(order)
      operation = decision.operation
      let status = order.status
      if (decision.needed) {
        if (operation === "cancel") {
          await client.cancelOrder(order.order_id, { idempotencyKey: idempotencyKeyFor(order.order_id, "cancel") })
        } else {
          await client.releaseRemainingAuthorization(order.order_id, {
            idempotencyKey: idempotencyKeyFor(order.order_id, "release"),
          })
        }
        status = (await client.getOrder(order.order_id)).status
        await klarnaModule(container).createKlarnaActions({
          order_id: record.order_id,
          klarna_order_id: record.klarna_order_id,
          action: ACTION[operation as "cancel" | "release"],
          actor_id: "system",
          outcome: "succeeded",
          details: { reason: "order_canceled", klarna_status: status },
        } as any)
      }
      return new StepResponse(
        await updateOperationRecord(container, record.id, {
          operation,
          status: "succeeded",
          attempts,
          klarna_status: status,
          last_error: null,
        })
      )
    } catch (e) {
      if (!isKlarnaError(e)) throw e
      const lastError = {
        status: e.status ?? null,
        error_code: e.errorCode ?? null,
        error_messages: e.errorMessages,
        correlation_id: e.correlationId ?? null,
        message: describeKlarnaError(e),
        at: new Date().toISOString(),
      }
      await klarnaModule(container).createKlarnaActions({
        order_id: record.order_id,
        klarna_order_id: record.klarna_order_id,
        action: operation && operation !== "none" ? ACTION[operation] : "settle_canceled_order",
        actor_id: "system",
        outcome: "failed",
        details: { reason: "order_canceled", last_error: lastError },
      } as any)
      return new StepResponse(
        await updateOperationRecord(container, record.id, {
          operation,
          status: e.retryable ? "pending" : "failed",
          attempts,
          last_error: lastError,
        })
      )
    }
  }
)
