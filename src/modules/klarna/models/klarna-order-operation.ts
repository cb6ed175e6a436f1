import { model } from "@medusajs/framework/utils"
import type { RecordedKlarnaFailure } from "../../../lib/klarna"

/**
 * What a canceled Medusa order does to its Klarna order: `cancel` (nothing captured), `release`
 * (the remaining authorization after a partial capture) or `none` (fully captured, or Klarna had
 * already closed it). The unique `key` ("order-canceled:<order id>") makes it happen once; the
 * Klarna call is keyed by the Klarna order id, as the provider's own cancel is. A placed order's
 * `merchant_references` ("merchant-references:<order id>") are sent to Klarna the same way, and a
 * fulfillment canceled after its capture is refunded (`refund`, "fulfillment-canceled:<fulfillment id>").
 */
export const KlarnaOrderOperation = model.define("klarna_order_operation", {
  id: model.id({ prefix: "kop" }).primaryKey(),
  key: model.text().unique(),
  order_id: model.text().index(),
  provider_id: model.text(),
  klarna_order_id: model.text(),
  /** cancel | release | none (decided from Klarna's order on every attempt) | merchant_references | refund */
  operation: model.text().nullable(),
  status: model.enum(["pending", "succeeded", "failed"]).default("pending"),
  attempts: model.number().default(0),
  /** Klarna's order status after the operation */
  klarna_status: model.text().nullable(),
  /** Klarna's last refusal, and when: { status, error_code, error_messages, correlation_id, message, at } */
  last_error: model.json<RecordedKlarnaFailure & { at: string }>().nullable(),
})
