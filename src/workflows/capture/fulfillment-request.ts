import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { buildShippingInfo } from "../../lib/shipping-info"
import type { CaptureMode } from "../../providers/klarna/options"
import { getKlarnaProvider } from "../../utils/klarna-provider-lookup"
import { loadKlarnaOrderContext, type KlarnaOrderContext } from "./order-context"
import type { CaptureRequest } from "./types"

export const FULFILLMENT_FIELDS = [
  "id",
  "canceled_at",
  "shipped_at",
  "created_at",
  "provider_id",
  "items.line_item_id",
  "items.quantity",
  "labels.tracking_number",
  "labels.tracking_url",
  "shipping_option.id",
  "shipping_option.name",
  "shipping_option.metadata",
]

export const fulfillmentSourceKey = (fulfillmentId: string) => `fulfillment:${fulfillmentId}`

export interface FulfillmentCapture {
  request: CaptureRequest
  context: KlarnaOrderContext
}

/** Is this fulfillment what `capture_on` captures: shipped (shipment) or merely created (fulfillment)? */
export const isCaptureDue = (fulfillment: any, captureOn: CaptureMode) =>
  !fulfillment.canceled_at && (captureOn === "fulfillment" || (captureOn === "shipment" && !!fulfillment.shipped_at))

/**
 * The capture one fulfillment of `orderId` asks for, from Medusa's data alone; null when the order
 * isn't paid with Klarna, its provider captures on another trigger, or the fulfillment is canceled.
 */
export function fulfillmentCaptureRequest(
  container: MedusaContainer,
  orderId: string,
  fulfillment: any,
  context: KlarnaOrderContext
): FulfillmentCapture | null {
  const options = getKlarnaProvider(container, context.provider_id).options
  if (!isCaptureDue(fulfillment, options.capture_on)) return null
  const items = (fulfillment.items ?? [])
    .filter((i: any) => i?.line_item_id && Number(i.quantity) > 0)
    .map((i: any) => ({ line_item_id: i.line_item_id, quantity: Number(i.quantity) }))
  return {
    context,
    request: {
      order_id: orderId,
      source_key: fulfillmentSourceKey(fulfillment.id),
      fulfillment_id: fulfillment.id,
      items,
      clamp_to_remaining: true,
      shipping_info: buildShippingInfo(fulfillment, options),
      description: `${options.capture_on === "shipment" ? "Shipment" : "Fulfillment"} ${fulfillment.id}`,
    },
  }
}

/** Fulfillment id → its order and the capture it asks for (see fulfillmentCaptureRequest). */
export async function loadFulfillmentCapture(
  container: MedusaContainer,
  fulfillmentId: string
): Promise<FulfillmentCapture | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const [{ data: links }, { data: fulfillments }] = await Promise.all([
    query.graph({ entity: "order_fulfillment", fields: ["order_id"], filters: { fulfillment_id: fulfillmentId } }),
    query.graph({ entity: "fulfillment", fields: FULFILLMENT_FIELDS, filters: { id: fulfillmentId } }),
  ])
  const orderId = links[0]?.order_id
  if (!orderId || !fulfillments[0]) return null
  const context = await loadKlarnaOrderContext(container, orderId)
  return context ? fulfillmentCaptureRequest(container, orderId, fulfillments[0], context) : null
}
