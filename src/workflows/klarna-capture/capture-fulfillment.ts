import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { buildShippingInfo } from "../../lib/shipping-info"
import type { CaptureMode } from "../../providers/klarna/options"
import { getKlarnaProvider } from "../../utils/klarna-provider-lookup"
import { captureKlarnaWorkflow } from "../capture-klarna-workflow"
import { loadKlarnaOrderContext } from "./order-context"

/**
 * Captures at Klarna what one fulfillment holds, when the order is paid with a Klarna provider
 * whose `capture_on` is `trigger`. Other providers' orders and canceled fulfillments are left alone.
 */
export async function captureFulfillment(container: MedusaContainer, fulfillmentId: string, trigger: CaptureMode) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const { data: links } = await query.graph({
    entity: "order_fulfillment",
    fields: ["order_id"],
    filters: { fulfillment_id: fulfillmentId },
  })
  const orderId = links[0]?.order_id
  if (!orderId) return undefined
  const context = await loadKlarnaOrderContext(container, orderId)
  if (!context) return undefined
  const provider = getKlarnaProvider(container, context.provider_id)
  if (provider.options.capture_on !== trigger) return undefined

  const { data: fulfillments } = await query.graph({
    entity: "fulfillment",
    fields: [
      "id", "canceled_at", "provider_id", "items.line_item_id", "items.quantity",
      "labels.tracking_number", "labels.tracking_url",
      "shipping_option.id", "shipping_option.name", "shipping_option.metadata",
    ],
    filters: { id: fulfillmentId },
  })
  const fulfillment = fulfillments[0]
  if (!fulfillment || fulfillment.canceled_at) return undefined

  const items = (fulfillment.items ?? [])
    .filter((i: any) => i?.line_item_id && Number(i.quantity) > 0)
    .map((i: any) => ({ line_item_id: i.line_item_id, quantity: Number(i.quantity) }))
  const { result } = await captureKlarnaWorkflow(container).run({
    input: {
      order_id: orderId,
      source_key: `fulfillment:${fulfillment.id}`,
      fulfillment_id: fulfillment.id,
      items,
      clamp_to_remaining: true,
      shipping_info: buildShippingInfo(fulfillment as any, provider.options),
      description: `${trigger === "shipment" ? "Shipment" : "Fulfillment"} ${fulfillment.id}`,
    },
  })
  if (result && result.status !== "succeeded") {
    logger.warn(`Klarna capture for fulfillment ${fulfillmentId} is ${result.status}: ${(result.last_error as any)?.message ?? ""}`)
  }
  return result
}
