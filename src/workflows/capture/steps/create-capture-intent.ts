import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { createCaptureIntent } from "../create-intent"
import { endLease, newLeaseOwner, startLeaseHeartbeat } from "../lease"
import type { KlarnaOrderContext } from "../order-context"
import { klarnaModule } from "../record-store"
import type { CaptureRequest, KlarnaCaptureRecord } from "../types"

export interface WrittenIntent {
  record: KlarnaCaptureRecord
  /** the lease owner when the new record was leased as it was written (the pass then needs no claim of its own) */
  owner: string | null
}

/**
 * The capture's intent (see createCaptureIntent), leased in the same transaction when no other
 * capture of the order is in flight; the lease's heartbeat starts at once.
 */
export async function writeCaptureIntent(
  container: MedusaContainer,
  request: CaptureRequest,
  context: KlarnaOrderContext
): Promise<WrittenIntent> {
  const owner = newLeaseOwner()
  const intent = await createCaptureIntent(container, request, context, { claim_for: owner })
  if (!intent.claimed) return { record: intent.record, owner: null }
  // renewed from now on, even while Klarna's order is still being read beside this step
  startLeaseHeartbeat(klarnaModule(container), intent.record.id, owner)
  return { record: intent.record, owner }
}

/** Compensation of a written intent: the intent stays (it is the promise), the lease is given back. */
export async function giveBackIntentLease(container: MedusaContainer, written?: WrittenIntent | null) {
  if (written?.owner) await endLease(klarnaModule(container), written.record.id, written.owner)
}

/** Writes the intent of a capture asked for by hand (fulfillments: writeFulfillmentIntentStep). */
export const createCaptureIntentStep = createStep(
  "klarna-create-capture-intent",
  async (input: { request: CaptureRequest; context: KlarnaOrderContext }, { container }) =>
    new StepResponse(await writeCaptureIntent(container, input.request, input.context)),
  async (written, { container }) => giveBackIntentLease(container, written)
)
