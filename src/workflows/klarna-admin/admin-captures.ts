import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { ShippingInfo } from "../../lib/klarna/types"
import { loadKlarnaOrderContext } from "../common/order-context"
import { processKlarnaCaptureWorkflow } from "../capture/process-capture"
import { retryKlarnaCaptures } from "../capture/retry-captures"
import { createCaptureIntentStep } from "../capture/steps/create-capture-intent"
import { resolveOrderCaptureStep } from "../capture/steps/resolve-order-capture"
import { recordKlarnaActionStep } from "../common/steps/record-klarna-action"

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

/** How long a capture by hand waits for another capture of the order in flight. */
const WAIT_FOR_ORDER_MS = 30_000

export const adminCaptureKlarnaWorkflowId = "klarna-admin-capture"
/**
 * POST /admin/klarna/orders/:id/captures — the same intent and pass (money rules, records,
 * Medusa capture, idempotency) as shipment captures, planned and checked against Medusa's data
 * before Klarna is called, plus attribution of the admin's action.
 */
export const adminCaptureKlarnaWorkflow = createWorkflow(
  adminCaptureKlarnaWorkflowId,
  (input: AdminCaptureKlarnaInput) => {
    const request = transform({ input }, ({ input }) => ({
      order_id: input.order_id,
      source_key: manualCaptureSourceKey(input.order_id, input.request_key),
      items: input.items,
      amount: input.amount,
      shipping_info: input.shipping_info,
      description: input.description,
      actor_id: input.actor_id ?? undefined,
    }))
    const resolved = resolveOrderCaptureStep(request)
    const intent = createCaptureIntentStep(resolved)
    const processed = processKlarnaCaptureWorkflow.runAsStep({
      input: transform({ intent, resolved }, ({ intent, resolved }) => ({
        record_id: intent.record.id,
        intent,
        context: resolved.context,
        retry_failed: true,
        wait_ms: WAIT_FOR_ORDER_MS,
      })),
    })
    const action = transform({ input, resolved, processed }, ({ input, resolved, processed }) => {
      const record = processed.record
      return {
        order_id: input.order_id,
        klarna_order_id: resolved.context.klarna_order_id,
        klarna_capture_id: record.klarna_capture_id ?? null,
        action: "capture",
        actor_id: input.actor_id ?? null,
        outcome: (record.status === "succeeded" ? "succeeded" : "failed") as "succeeded" | "failed",
        details: {
          capture_record_id: record.id,
          status: record.status,
          provider_id: resolved.context.provider_id,
          ...(input.items ? { items: input.items } : {}),
          ...(input.amount !== undefined ? { amount: input.amount } : {}),
          ...(record.last_error && record.status !== "succeeded" ? { error: record.last_error } : {}),
        },
      }
    })
    recordKlarnaActionStep(action)
    return new WorkflowResponse(transform({ processed }, ({ processed }) => processed.record))
  }
)

/**
 * POST /admin/klarna/orders/:id/retry-captures — the sweep for this order, then its failed and
 * pending captures again with their stored plans and idempotency keys, each retry attributed to
 * the admin in the action log. 404 when the order isn't paid with Klarna.
 */
export async function adminRetryKlarnaCaptures(
  container: MedusaContainer,
  input: { order_id: string; actor_id?: string | null }
) {
  if (!(await loadKlarnaOrderContext(container, input.order_id))) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${input.order_id} is not paid with Klarna`)
  }
  return retryKlarnaCaptures(container, { order_id: input.order_id, actor_id: input.actor_id ?? undefined })
}
