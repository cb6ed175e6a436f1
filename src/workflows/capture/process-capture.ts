import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { capturePaymentWorkflow } from "@medusajs/medusa/core-flows"
import { recordKlarnaActionStep } from "../common/steps/record-klarna-action"
import type { KlarnaOrderContext } from "../common/order-context"
import { checkCaptureGuardsStep } from "./steps/check-capture-guards"
import { claimCaptureStep, type ClaimCaptureInput } from "./steps/claim-capture"
import { completeCaptureStep } from "./steps/complete-capture"
import { prepareMedusaCaptureStep } from "./steps/prepare-medusa-capture"
import type { EarlyKlarnaRead } from "./steps/read-klarna-order-early"
import { sendKlarnaCaptureStep } from "./steps/send-klarna-capture"

export interface ProcessCaptureInput extends ClaimCaptureInput {
  /** the order as the caller just loaded it (saves loading it again) */
  context?: KlarnaOrderContext
  /** an admin retrying: their retry is written to the action log */
  actor_id?: string
  /** Klarna's order as read while the intent was written (used only if it still holds) */
  early_read?: EarlyKlarnaRead | null
}

export const processKlarnaCaptureWorkflowId = "klarna-process-capture"
/**
 * One pass over one capture record: claim it → Medusa's guards → Klarna (≤ 2 calls) → Medusa's
 * own capture, marked as already captured so Medusa never calls the provider → done. Each step
 * stores what it learned on the record, so a pass that stops anywhere is finished by the next.
 */
export const processKlarnaCaptureWorkflow = createWorkflow(
  processKlarnaCaptureWorkflowId,
  (input: ProcessCaptureInput) => {
    const claim = claimCaptureStep(input)
    const guarded = when("klarna-capture-claimed", { claim }, ({ claim }) => claim.claimed).then(() =>
      checkCaptureGuardsStep(transform({ claim, input }, ({ claim, input }) => ({ claim, context: input.context })))
    )
    const sent = when("klarna-capture-to-send", { guarded }, ({ guarded }) => !!guarded?.proceed).then(() =>
      sendKlarnaCaptureStep(
        transform({ guarded, input }, ({ guarded, input }) => ({ ...guarded!, early_read: input.early_read ?? null }))
      )
    )
    const medusa = when("klarna-capture-to-record", { sent }, ({ sent }) => !!sent?.record.klarna_capture_id).then(() =>
      prepareMedusaCaptureStep(sent!)
    )
    when("klarna-capture-in-medusa", { medusa }, ({ medusa }) => !!medusa?.capture).then(() => {
      capturePaymentWorkflow.runAsStep({ input: transform({ medusa }, ({ medusa }) => medusa!.capture!) })
    })
    const record = completeCaptureStep(
      transform({ claim, guarded, sent, medusa }, ({ claim, guarded, sent, medusa }) => ({
        claim,
        record: sent?.record ?? guarded?.record,
        medusa: medusa ?? undefined,
      }))
    )
    when(
      "klarna-capture-retried-by-admin",
      { input, record },
      ({ input, record }) => !!input.actor_id && record.claimed
    ).then(() => {
      recordKlarnaActionStep(
        transform({ input, record }, ({ input, record: { record } }) => ({
          order_id: record.order_id,
          klarna_order_id: record.klarna_order_id,
          klarna_capture_id: record.klarna_capture_id ?? null,
          action: "retry_capture",
          actor_id: input.actor_id!,
          outcome: (record.status === "succeeded" ? "succeeded" : "failed") as "succeeded" | "failed",
          details: { capture_record_id: record.id, status: record.status, last_error: record.last_error ?? null },
        }))
      )
    })
    return new WorkflowResponse(record)
  }
)
