import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { createCaptureIntent } from "../create-intent"
import { endLease, newLeaseOwner } from "../lease"
import type { KlarnaOrderContext } from "../order-context"
import { klarnaModule } from "../record-store"
import type { CaptureRequest, KlarnaCaptureRecord } from "../types"

export interface WrittenIntent {
  record: KlarnaCaptureRecord
  /** the lease owner when the new record was leased as it was written (the pass then needs no claim of its own) */
  owner: string | null
}

/**
 * Writes the capture's intent (see createCaptureIntent) and, when no other capture of the order
 * is in flight, takes its lease in the same transaction. The intent is the durable promise that
 * the capture happens, whatever fails after it: compensation only gives the lease back.
 */
export const createCaptureIntentStep = createStep(
  "klarna-create-capture-intent",
  async (input: { request: CaptureRequest; context: KlarnaOrderContext }, { container }) => {
    const owner = newLeaseOwner()
    const intent = await createCaptureIntent(container, input.request, input.context, { claim_for: owner })
    return new StepResponse<WrittenIntent>({ record: intent.record, owner: intent.claimed ? owner : null })
  },
  async (written, { container }) => {
    if (written?.owner) await endLease(klarnaModule(container), written.record.id, written.owner)
  }
)
