import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { ShippingInfo } from "../../lib/klarna/types"
import { captureKlarnaWorkflow, retryKlarnaCapturesWorkflow } from "../capture-klarna"
import { recordKlarnaActionStep } from "./steps/record-klarna-action"
import { resolveKlarnaOrderStep } from "./steps/resolve-klarna-order"

export interface AdminCaptureKlarnaInput {
  order_id: string
  /** the client's Idempotency-Key header, else a fresh uuid: one admin intent = one capture */
  request_key: string
  items?: { line_item_id: string; quantity: number }[]
  /** major units */
  amount?: number
  shipping_info?: ShippingInfo[]
  description?: string
  actor_id?: string | null
}

/** Manual captures are keyed per order, so one Idempotency-Key reused on another order is another capture. */
export const manualCaptureSourceKey = (orderId: string, requestKey: string) => `manual:${orderId}:${requestKey}`

/**
 * POST /admin/klarna/orders/:id/captures — the same capture workflow (and money rules, records,
 * Medusa capture, idempotency) as shipment captures, plus attribution of the admin's action.
 */
export const adminCaptureKlarnaWorkflow = createWorkflow("klarna-admin-capture", (input: AdminCaptureKlarnaInput) => {
  const ref = resolveKlarnaOrderStep({ order_id: input.order_id })
  const captureInput = transform({ input }, ({ input }) => ({
    order_id: input.order_id,
    source_key: manualCaptureSourceKey(input.order_id, input.request_key),
    items: input.items,
    amount: input.amount,
    shipping_info: input.shipping_info,
    description: input.description,
    actor_id: input.actor_id ?? undefined,
  }))
  const record = captureKlarnaWorkflow.runAsStep({ input: captureInput })
  const action = transform({ input, ref, record }, ({ input, ref, record }) => ({
    order_id: ref.order_id,
    klarna_order_id: ref.klarna_order_id,
    klarna_capture_id: (record as any)?.klarna_capture_id ?? null,
    action: "capture",
    actor_id: input.actor_id ?? null,
    outcome: ((record as any)?.status === "succeeded" ? "succeeded" : "failed") as "succeeded" | "failed",
    details: {
      capture_record_id: (record as any)?.id ?? null,
      status: (record as any)?.status ?? null,
      provider_id: ref.provider_id,
      ...(input.items ? { items: input.items } : {}),
      ...(input.amount !== undefined ? { amount: input.amount } : {}),
      ...((record as any)?.last_error && (record as any)?.status !== "succeeded" ? { error: (record as any).last_error } : {}),
    },
  }))
  recordKlarnaActionStep(action)
  return new WorkflowResponse(record)
})

/**
 * POST /admin/klarna/orders/:id/retry-captures — retries the order's failed/pending captures with
 * their stored plans and idempotency keys. The retry workflow attributes each retried capture to
 * the admin (a klarna_action "retry_capture" per record), so nothing more is recorded here.
 */
export const adminRetryKlarnaCapturesWorkflow = createWorkflow(
  "klarna-admin-retry-captures",
  (input: { order_id: string; actor_id?: string | null }) => {
    const ref = resolveKlarnaOrderStep({ order_id: input.order_id })
    const retryInput = transform({ input, ref }, ({ input, ref }) => ({
      order_id: ref.order_id,
      actor_id: input.actor_id ?? undefined,
    }))
    return new WorkflowResponse(retryKlarnaCapturesWorkflow.runAsStep({ input: retryInput }))
  }
)
