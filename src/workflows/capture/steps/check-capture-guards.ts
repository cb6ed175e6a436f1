import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { loadKlarnaOrderContext, type KlarnaOrderContext } from "../../common/order-context"
import { planCapture } from "../plan/plan-capture"
import { orderCaptureRecords, updateCaptureRecord } from "../record-store"
import { captureError, type KlarnaCaptureRecord } from "../types"
import type { ClaimedCapture } from "./claim-capture"

export interface GuardedCapture extends ClaimedCapture {
  /** go on to Klarna: the order is live, its payment exists and there is something to capture */
  proceed: boolean
}

export const checkCaptureGuardsStepId = "klarna-check-capture-guards"
/**
 * What Medusa says before anything goes to Klarna: a canceled order closes the record; while
 * Klarna's fraud review is pending (no payment yet) it waits; a capture of nothing is done. A
 * record that could not be planned when it was written is planned again now.
 */
export const checkCaptureGuardsStep = createStep(
  checkCaptureGuardsStepId,
  async ({ claim, context: given }: { claim: ClaimedCapture; context?: KlarnaOrderContext }, { container }) => {
    let record = claim.record
    const done = (patch: Partial<KlarnaCaptureRecord>, proceed = false) =>
      updateCaptureRecord(container, record.id, patch).then(
        (r) => new StepResponse<GuardedCapture>({ ...claim, record: r, proceed })
      )
    if (record.klarna_capture_id) return new StepResponse<GuardedCapture>({ ...claim, proceed: true })

    // the capture-fulfillment workflow hands over the order it just loaded; retries load it
    const context = given ?? (await loadKlarnaOrderContext(container, record.order_id))
    if (!context || context.canceled) {
      return done({
        status: "canceled",
        last_error: captureError("The order was canceled before it was captured", { reason: "order_canceled" }),
      })
    }
    if (!context.payment) {
      return done({
        last_error: captureError("Waiting for Klarna's fraud decision before capturing", { reason: "fraud_review" }),
      })
    }
    if (record.last_error?.reason === "invalid_order_data") {
      const others = (await orderCaptureRecords(container, record.order_id)).filter((r) => r.id !== record.id)
      try {
        const plan = planCapture({
          order: context.order,
          authorizedMinor: context.authorized_minor,
          others,
          input: { items: record.items, clamp_to_remaining: true },
        })
        record = await updateCaptureRecord(container, record.id, { ...plan, last_error: null })
      } catch (e) {
        return done({
          status: "failed",
          last_error: captureError(`The order's lines could not be planned: ${(e as Error).message}`, {
            reason: "invalid_order_data",
          }),
        })
      }
    }
    if (Number(record.amount) === 0)
      return done({ payment_id: context.payment.id, status: "succeeded", last_error: null })
    if (record.payment_id === context.payment.id)
      return new StepResponse<GuardedCapture>({ ...claim, record, proceed: true })
    return done({ payment_id: context.payment.id }, true)
  }
)
