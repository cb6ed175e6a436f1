import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { klarnaModule } from "../../../modules/klarna"
import { findKlarnaPayment } from "../../../utils/klarna-order-ref"
import { getKlarnaProvider } from "../../../utils/klarna-provider-lookup"
import { queryRows } from "../../../utils/query-rows"
import { FULFILLMENT_FIELDS, isCaptureDue, type CaptureFulfillment } from "../fulfillment-request"

/** A fulfillment that asks for a Klarna capture: its order and the order's Klarna payment. */
export interface LocatedFulfillmentCapture {
  order_id: string
  fulfillment: CaptureFulfillment
  provider_id: string
  klarna_order_id: string
  /** another capture of the order holds its lease right now (it then captures this one next) */
  capture_in_flight: boolean
}

/**
 * Fulfillment id → its order's Klarna payment, in the few reads that tell whether the
 * fulfillment is captured at all (null: not a Klarna order, canceled, or not what `capture_on`
 * captures). The order's lines are loaded afterwards (loadFulfillmentCapture), while Klarna's
 * order is read.
 */
async function locateFulfillmentCapture(
  container: MedusaContainer,
  fulfillmentId: string
): Promise<LocatedFulfillmentCapture | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const links = await queryRows<{ order_id: string }>(query, {
    entity: "order_fulfillment",
    fields: ["order_id"],
    filters: { fulfillment_id: fulfillmentId },
  })
  const orderId = links[0]?.order_id
  if (!orderId) return null
  const [fulfillments, klarna, inFlight] = await Promise.all([
    queryRows<CaptureFulfillment>(query, {
      entity: "fulfillment",
      fields: FULFILLMENT_FIELDS,
      filters: { id: fulfillmentId },
    }),
    findKlarnaPayment(container, orderId),
    klarnaModule(container).orderCaptureLeased(orderId),
  ])
  const fulfillment = fulfillments[0]
  if (!fulfillment) return null
  if (!klarna || !isCaptureDue(fulfillment, getKlarnaProvider(container, klarna.provider_id).options.capture_on))
    return null
  return {
    order_id: orderId,
    fulfillment,
    provider_id: klarna.provider_id,
    klarna_order_id: klarna.klarna_order_id,
    capture_in_flight: inFlight,
  }
}

export const locateFulfillmentCaptureStepId = "klarna-locate-fulfillment-capture"
/** Fulfillment id → its order and the order's Klarna payment; null: not ours to capture. */
export const locateFulfillmentCaptureStep = createStep(
  locateFulfillmentCaptureStepId,
  async (input: { fulfillment_id: string }, { container }) =>
    new StepResponse<LocatedFulfillmentCapture | null>(await locateFulfillmentCapture(container, input.fulfillment_id))
)
