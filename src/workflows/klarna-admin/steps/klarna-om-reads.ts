import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { ExtendDueDateOptions, OmCapture, OmOrder } from "../../../lib/klarna/types"
import { getKlarnaProvider } from "../../../utils/klarna-provider-lookup"

/**
 * Plain reads at Klarna's Order Management API, with the credentials of the provider instance
 * that authorized the order. A Klarna failure leaves as the client's KlarnaError (the route maps
 * it to the admin API's error response).
 */
export type KlarnaRef = { provider_id: string; klarna_order_id: string }
export type KlarnaCaptureRef = KlarnaRef & { capture_id: string }

export const getKlarnaOrderStep = createStep("klarna-admin-get-order", async (input: KlarnaRef, { container }) => {
  const client = getKlarnaProvider(container, input.provider_id).klarnaClient()
  return new StepResponse<OmOrder>(await client.getOrder(input.klarna_order_id))
})

export const listKlarnaCapturesStep = createStep(
  "klarna-admin-list-captures",
  async (input: KlarnaRef, { container }) => {
    const client = getKlarnaProvider(container, input.provider_id).klarnaClient()
    return new StepResponse<OmCapture[]>(await client.listCaptures(input.klarna_order_id))
  }
)

export const getKlarnaCaptureStep = createStep(
  "klarna-admin-get-capture",
  async (input: KlarnaCaptureRef, { container }) => {
    const client = getKlarnaProvider(container, input.provider_id).klarnaClient()
    return new StepResponse<OmCapture>(await client.getCapture(input.klarna_order_id, input.capture_id))
  }
)

export const getExtendDueDateOptionsStep = createStep(
  "klarna-admin-get-extend-due-date-options",
  async (input: KlarnaCaptureRef, { container }) => {
    const client = getKlarnaProvider(container, input.provider_id).klarnaClient()
    return new StepResponse<ExtendDueDateOptions>(
      await client.getExtendDueDateOptions(input.klarna_order_id, input.capture_id)
    )
  }
)
