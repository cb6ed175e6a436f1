import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { endLease, leaseMs, newLeaseOwner, startLeaseHeartbeat } from "../lease"
import { klarnaModule } from "../../../modules/klarna"
import { findCaptureRecord } from "../record-store"
import type { KlarnaCaptureRecord } from "../types"
import type { WrittenIntent } from "../capture-intent"

export interface ClaimCaptureInput {
  record_id: string
  /** also take failed records (admin retries); the scheduled job and events take pending ones */
  retry_failed?: boolean
  /** wait this long for another capture of the order to finish (admin requests); 0: don't */
  wait_ms?: number
  /** the intent as this run wrote it: when it was leased then, the pass holds it already */
  intent?: WrittenIntent
}

export interface ClaimedCapture {
  claimed: boolean
  owner: string
  record: KlarnaCaptureRecord
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

export const claimCaptureStepId = "klarna-claim-capture"
/**
 * Takes the record's lease (one holder per order, in the database) and keeps it renewed until
 * completeCaptureStep ends it. Not claimed: settled already, or being captured elsewhere (that
 * holder then carries on with the order's next records).
 */
export const claimCaptureStep = createStep(
  claimCaptureStepId,
  async (input: ClaimCaptureInput, { container }) => {
    const module = klarnaModule(container)
    // leased as it was written (its heartbeat runs since then)
    if (input.intent?.owner && input.intent.record.id === input.record_id) {
      return new StepResponse<ClaimedCapture, ClaimedCapture>({
        claimed: true,
        owner: input.intent.owner,
        record: input.intent.record,
      })
    }
    const owner = newLeaseOwner()
    const until = Date.now() + (input.wait_ms ?? 0)
    for (;;) {
      const result = await module.claimCapture(input.record_id, owner, leaseMs(), !!input.retry_failed)
      if (result.claimed) startLeaseHeartbeat(module, input.record_id, owner)
      const waitable = !result.claimed && (result.reason === "order_busy" || result.reason === "leased")
      if (!waitable || Date.now() >= until) {
        const record = await findCaptureRecord(container, input.record_id)
        if (!record)
          throw new MedusaError(MedusaError.Types.NOT_FOUND, `Klarna capture record ${input.record_id} not found`)
        return new StepResponse<ClaimedCapture, ClaimedCapture>({ claimed: result.claimed, owner, record })
      }
      await pause(250)
    }
  },
  async (claim, { container }) => {
    if (claim?.claimed) await endLease(klarnaModule(container), claim.record.id, claim.owner)
  }
)
