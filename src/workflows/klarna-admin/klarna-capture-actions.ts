import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
  type ReturnWorkflow,
} from "@medusajs/framework/workflows-sdk"
import type { RecordedKlarnaFailure } from "../../lib/klarna"
import type { OmCapture, ShippingInfo } from "../../lib/klarna/types"
import { getKlarnaCaptureStep } from "./steps/klarna-om-reads"
import { recordKlarnaActionStep } from "../common/steps/record-klarna-action"
import { resolveKlarnaOrderStep } from "./steps/resolve-klarna-order"
import {
  runKlarnaCaptureActionStep,
  type KlarnaCaptureAction,
  type RunKlarnaCaptureActionInput,
} from "./steps/run-klarna-capture-action"

export interface KlarnaCaptureActionInput {
  order_id: string
  /** Klarna capture id */
  capture_id: string
  /** the client's Idempotency-Key header, else a fresh uuid: one admin intent */
  request_key: string
  actor_id?: string | null
}

export interface KlarnaCaptureActionResult {
  outcome: "succeeded" | "failed"
  error?: RecordedKlarnaFailure
  /** the capture as Klarna shows it after the change (extend-due-date, shipping-info) */
  capture?: OmCapture
}

/**
 * Resolve the order's Klarna order and provider → change the capture at Klarna → record who did
 * it and how it went (klarna_action) → re-read the capture when asked. Klarna refusing is a
 * "failed" outcome (recorded), which the route turns into the admin API's Klarna error.
 */
function captureActionWorkflow<I extends KlarnaCaptureActionInput>(
  name: string,
  toAction: (input: I) => KlarnaCaptureAction,
  rereadCapture: boolean
): ReturnWorkflow<I, KlarnaCaptureActionResult, []> {
  const workflow = createWorkflow(name, (input: KlarnaCaptureActionInput) => {
    const ref = resolveKlarnaOrderStep({ order_id: input.order_id })
    const actionInput = transform({ input, ref }, ({ input, ref }): RunKlarnaCaptureActionInput => ({
      provider_id: ref.provider_id,
      klarna_order_id: ref.klarna_order_id,
      capture_id: input.capture_id,
      request_key: input.request_key,
      ...toAction(input as I),
    }))
    const outcome = runKlarnaCaptureActionStep(actionInput)
    const record = transform({ input, ref, actionInput, outcome }, ({ input, ref, actionInput, outcome }) => {
      const { provider_id, klarna_order_id, capture_id, request_key, action, ...params } = actionInput
      return {
        order_id: ref.order_id,
        klarna_order_id: ref.klarna_order_id,
        klarna_capture_id: input.capture_id,
        action: actionInput.action,
        actor_id: input.actor_id ?? null,
        outcome: outcome.outcome,
        details: {
          ...params,
          provider_id: ref.provider_id,
          idempotency_key: outcome.idempotency_key,
          ...(outcome.error ? { error: outcome.error } : {}),
        },
      }
    })
    recordKlarnaActionStep(record)
    const capture = when({ outcome }, ({ outcome }) => rereadCapture && outcome.outcome === "succeeded").then(() =>
      getKlarnaCaptureStep(
        transform({ actionInput }, ({ actionInput }) => ({
          provider_id: actionInput.provider_id,
          klarna_order_id: actionInput.klarna_order_id,
          capture_id: actionInput.capture_id,
        }))
      )
    )
    const result = transform({ outcome, capture }, ({ outcome, capture }): KlarnaCaptureActionResult => ({
      outcome: outcome.outcome,
      ...(outcome.error ? { error: outcome.error } : {}),
      ...(capture ? { capture } : {}),
    }))
    return new WorkflowResponse(result)
  })
  return workflow as unknown as ReturnWorkflow<I, KlarnaCaptureActionResult, []>
}

export const extendKlarnaDueDateWorkflowId = "klarna-admin-extend-due-date"
/** POST …/captures/:capture_id/extend-due-date — Klarna decides whether number_of_days is offered. */
export const extendKlarnaDueDateWorkflow = captureActionWorkflow<KlarnaCaptureActionInput & { number_of_days: number }>(
  extendKlarnaDueDateWorkflowId,
  (input) => ({ action: "extend_due_date", number_of_days: input.number_of_days }),
  true
)

export const addKlarnaCaptureShippingInfoWorkflowId = "klarna-admin-add-capture-shipping-info"
/** POST …/captures/:capture_id/shipping-info — appends shipping info (tracking) to the capture. */
export const addKlarnaCaptureShippingInfoWorkflow = captureActionWorkflow<
  KlarnaCaptureActionInput & { shipping_info: ShippingInfo[] }
>(
  addKlarnaCaptureShippingInfoWorkflowId,
  (input) => ({ action: "add_shipping_info", shipping_info: input.shipping_info }),
  true
)

export const triggerKlarnaSendOutWorkflowId = "klarna-admin-trigger-send-out"
/** POST …/captures/:capture_id/trigger-send-out — Klarna re-sends the customer's payment communication. */
export const triggerKlarnaSendOutWorkflow = captureActionWorkflow<KlarnaCaptureActionInput>(
  triggerKlarnaSendOutWorkflowId,
  () => ({ action: "trigger_send_out" }),
  false
)
