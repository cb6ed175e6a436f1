import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { endLease } from "../lease"
import { klarnaModule } from "../../../modules/klarna"
import { medusaCaptureMarker, updateCaptureRecord } from "../record-store"
import type { KlarnaCaptureRecord } from "../types"
import type { ClaimedCapture } from "./claim-capture"
import type { MedusaCapturePlan } from "./prepare-medusa-capture"

export interface CompleteCaptureInput {
  claim: ClaimedCapture
  /** the record as the last step that ran left it */
  record?: KlarnaCaptureRecord
  medusa?: MedusaCapturePlan
}

export const completeCaptureStepId = "klarna-complete-capture"
/**
 * Ends the pass: a capture recorded in Medusa makes the record succeeded (with Medusa's capture
 * id and amount); any other outcome stays as the earlier steps stored it. The lease is ended
 * either way, so the order's next capture can go.
 */
export const completeCaptureStep = createStep(
  completeCaptureStepId,
  async ({ claim, record, medusa }: CompleteCaptureInput, { container }) => {
    if (!claim.claimed) return new StepResponse({ claimed: false, record: claim.record })
    const module = klarnaModule(container)
    let final = record ?? claim.record
    try {
      if (medusa) {
        let medusaCaptureId = medusa.existing_capture_id
        if (!medusaCaptureId && medusa.capture) {
          const payment = await container
            .resolve(Modules.PAYMENT)
            .retrievePayment(final.payment_id!, { relations: ["captures"] })
          medusaCaptureId =
            (payment.captures ?? []).find((c) => c.created_by === medusaCaptureMarker(final.id))?.id ?? null
        }
        final = await updateCaptureRecord(container, final.id, {
          medusa_capture_id: medusaCaptureId,
          medusa_amount: medusa.amount,
          status: "succeeded",
          last_error: null,
        })
      }
    } finally {
      await endLease(module, final.id, claim.owner)
    }
    return new StepResponse({ claimed: true, record: final })
  }
)
