import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  idempotencyKeyFor,
  klarnaFailureOf,
  recordedKlarnaFailure,
  type RecordedKlarnaFailure,
} from "../../../lib/klarna"
import type { ShippingInfo } from "../../../lib/klarna/types"
import { toMedusaError } from "../../../providers/klarna/klarna-medusa-error"
import { getKlarnaProvider } from "../../../utils/klarna-provider-lookup"
import type { KlarnaCaptureRef } from "./klarna-om-reads"

export type KlarnaCaptureAction =
  | { action: "extend_due_date"; number_of_days: number }
  | { action: "add_shipping_info"; shipping_info: ShippingInfo[] }
  | { action: "trigger_send_out" }

export type RunKlarnaCaptureActionInput = KlarnaCaptureRef & {
  /** the admin's intent: the client's Idempotency-Key header, or a fresh uuid per request */
  request_key: string
} & KlarnaCaptureAction

export interface KlarnaActionOutcome {
  outcome: "succeeded" | "failed"
  idempotency_key: string
  /** what Klarna said, as klarna_action.details.error keeps it and the admin API answers it */
  error?: RecordedKlarnaFailure
}

export const runKlarnaCaptureActionStepId = "klarna-admin-run-capture-action"
/**
 * One change to a Klarna capture, keyed by a Klarna-Idempotency-Key derived from the admin's
 * request key (a retried request with the same Idempotency-Key header is applied once). Klarna
 * refusing it is an outcome, not a thrown error, so the attribution row is still written.
 */
export const runKlarnaCaptureActionStep = createStep(
  runKlarnaCaptureActionStepId,
  async (input: RunKlarnaCaptureActionInput, { container }) => {
    const client = getKlarnaProvider(container, input.provider_id).klarnaClient()
    const idempotencyKey = idempotencyKeyFor(
      `${input.klarna_order_id}:${input.capture_id}:${input.request_key}`,
      `admin-${input.action}`
    )
    const o = { idempotencyKey }
    try {
      if (input.action === "extend_due_date") {
        await client.extendDueDate(input.klarna_order_id, input.capture_id, { number_of_days: input.number_of_days }, o)
      } else if (input.action === "add_shipping_info") {
        await client.addCaptureShippingInfo(
          input.klarna_order_id,
          input.capture_id,
          { shipping_info: input.shipping_info },
          o
        )
      } else {
        await client.triggerSendOut(input.klarna_order_id, input.capture_id, o)
      }
    } catch (e) {
      const failure = klarnaFailureOf(e)
      if (!failure) throw e
      // the client refused to send (not a Klarna id): nothing happened at Klarna, nothing to record
      if (failure.kind === "invalid_request") throw toMedusaError(e)
      return new StepResponse<KlarnaActionOutcome>({
        outcome: "failed",
        idempotency_key: idempotencyKey,
        error: recordedKlarnaFailure(failure),
      })
    }
    return new StepResponse<KlarnaActionOutcome>({ outcome: "succeeded", idempotency_key: idempotencyKey })
  }
)
