import { defineLink } from "@medusajs/framework/utils"
import OrderModule from "@medusajs/medusa/order"
import KlarnaModule from "../modules/klarna"

// read-only: the capture record holds order_id; lets query.graph fetch an order's Klarna captures
export default defineLink(
  { linkable: OrderModule.linkable.order, field: "id" },
  { ...KlarnaModule.linkable.klarnaCapture.id, primaryKey: "order_id", isList: true },
  { readOnly: true }
)
