import type { BigNumberValue, MedusaContainer } from "@medusajs/framework/types"
import { buildShippingInfo, type ShippingInfoSource } from "../../lib/shipping-info"
import type { CaptureMode } from "../../providers/klarna/options"
import { getKlarnaProvider } from "../../utils/klarna-provider-lookup"
import type { KlarnaOrderContext } from "../common/order-context"
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

/** A fulfillment item as FULFILLMENT_FIELDS reads it. */
interface FulfillmentItemRow {
  line_item_id?: string | null
  quantity: BigNumberValue
}

/** A Medusa fulfillment as FULFILLMENT_FIELDS reads it (labels, shipping option and provider: shipping info). */
export interface CaptureFulfillment extends ShippingInfoSource {
  id: string
  canceled_at?: Date | string | null
  shipped_at?: Date | string | null
  created_at: Date | string
  items?: (FulfillmentItemRow | null)[] | null
}

export const fulfillmentSourceKey = (fulfillmentId: string) => `fulfillment:${fulfillmentId}`

export interface FulfillmentCapture {
  request: CaptureRequest
  context: KlarnaOrderContext
}

/** Is this fulfillment what `capture_on` captures: shipped (shipment) or merely created (fulfillment)? */
export const isCaptureDue = (fulfillment: CaptureFulfillment, captureOn: CaptureMode) =>
  !fulfillment.canceled_at && (captureOn === "fulfillment" || (captureOn === "shipment" && !!fulfillment.shipped_at))

/**
 * The capture one fulfillment of `orderId` asks for, from Medusa's data alone; null when the order
 * isn't paid with Klarna, its provider captures on another trigger, or the fulfillment is canceled.
 */
export function fulfillmentCaptureRequest(
  container: MedusaContainer,
  orderId: string,
  fulfillment: CaptureFulfillment,
  context: KlarnaOrderContext
): FulfillmentCapture | null {
  const options = getKlarnaProvider(container, context.provider_id).options
  if (!isCaptureDue(fulfillment, options.capture_on)) return null
  const items = (fulfillment.items ?? [])
    .filter((i): i is FulfillmentItemRow & { line_item_id: string } => !!i?.line_item_id && Number(i.quantity) > 0)
    .map((i) => ({ line_item_id: i.line_item_id, quantity: Number(i.quantity) }))
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
