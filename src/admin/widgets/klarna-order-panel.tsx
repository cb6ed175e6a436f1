import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { useEffect, useRef } from "react"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { KlarnaPanel } from "../components/klarna/klarna-panel"
import { KlarnaPanelError, KlarnaPanelSkeleton } from "../components/klarna/klarna-panel-states"
import { useKlarnaOrder } from "../hooks/use-klarna-order"
import { fulfillmentSignature, mayBeKlarnaOrder } from "../lib/klarna-order"

/** The Klarna panel on the order page; renders nothing for orders not paid with Klarna. */
const KlarnaOrderWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const candidate = mayBeKlarnaOrder(order)
  const { data, isLoading, isError, error, refetch } = useKlarnaOrder(order.id, candidate)

  // Shipping a fulfillment on this page makes the plugin capture in the background (a subscriber):
  // look again when the order's fulfillments change, and once more shortly after.
  const signature = fulfillmentSignature(order)
  const seen = useRef(signature)
  useEffect(() => {
    if (!candidate || seen.current === signature) return
    seen.current = signature
    void refetch()
    const later = setTimeout(() => void refetch(), 3000)
    return () => clearTimeout(later)
  }, [candidate, signature, refetch])

  if (!candidate || data === null) return null
  if (isLoading) return <KlarnaPanelSkeleton />
  if (isError || !data)
    return <KlarnaPanelError message={(error as Error)?.message ?? "unknown error"} onRetry={() => refetch()} />
  return <KlarnaPanel order={order} klarna={data} />
}

// The order page's sidebar, next to the customer and the activity. In Medusa 2.21 a zone's
// ".before"/".after" only picks the column (widgets follow the core sections, and admins can move
// them with the layout customizer); the main column would put the panel below the JSON section.
// The stable id keeps an admin's placement when this file moves.
export const config = defineWidgetConfig({
  zone: "order.details.side.after",
  id: "medusa-plugin-klarna:order-panel",
})

export default KlarnaOrderWidget
