import type { BigNumberValue, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { buildShippingInfo, type ShippingInfoSource } from "../../lib/shipping-info"
import type { CaptureMode } from "../../providers/klarna/options"
import { getKlarnaProvider } from "../../utils/klarna-provider-lookup"
import { findKlarnaPayment } from "../../utils/klarna-order-ref"
import { loadKlarnaOrderContext, type KlarnaOrderContext } from "../common/order-context"
import { klarnaModule } from "../../modules/klarna"
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
export async function locateFulfillmentCapture(
  container: MedusaContainer,
  fulfillmentId: string
): Promise<LocatedFulfillmentCapture | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: links } = await query.graph({
    entity: "order_fulfillment",
    fields: ["order_id"],
    filters: { fulfillment_id: fulfillmentId },
  })
  const orderId: string | undefined = links[0]?.order_id
  if (!orderId) return null
  const [{ data: fulfillments }, klarna, inFlight] = await Promise.all([
    query.graph({ entity: "fulfillment", fields: FULFILLMENT_FIELDS, filters: { id: fulfillmentId } }),
    findKlarnaPayment(container, orderId),
    klarnaModule(container).orderCaptureLeased(orderId),
  ])
  const fulfillment: CaptureFulfillment | undefined = fulfillments[0]
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

/** A located fulfillment → the capture it asks for, planned from the whole order (see fulfillmentCaptureRequest). */
export async function loadFulfillmentCapture(
  container: MedusaContainer,
  located: LocatedFulfillmentCapture
): Promise<FulfillmentCapture | null> {
  const context = await loadKlarnaOrderContext(container, located.order_id)
  return context ? fulfillmentCaptureRequest(container, located.order_id, located.fulfillment, context) : null
}
