import { model } from "@medusajs/framework/utils"
import type { OrderLine, ShippingInfo } from "../../../lib/klarna/types"
import type { CaptureError, CaptureItem } from "../capture-record-fields"

/**
 * One Klarna capture the plugin makes: per shipped fulfillment, or per manual capture. The unique
 * `source_key` ("fulfillment:<id>" / "manual:<key>") is what makes a capture happen exactly once.
 */
export const KlarnaCapture = model
  .define("klarna_capture", {
    id: model.id({ prefix: "kcap" }).primaryKey(),
    source_key: model.text().unique(),
    order_id: model.text().index(),
    fulfillment_id: model.text().nullable(),
    payment_id: model.text().nullable(),
    provider_id: model.text(),
    klarna_order_id: model.text(),
    klarna_capture_id: model.text().nullable(),
    klarna_reference: model.text().nullable(),
    medusa_capture_id: model.text().nullable(),
    amount: model.bigNumber(),
    currency_code: model.text(),
    /** the amount recorded in Medusa (major units, exact; may carry sub-minor fractions) */
    medusa_amount: model.text().nullable(),
    /** [{ line_item_id, quantity }]: order line items (and shipping methods) this capture takes */
    items: model.json<CaptureItem[]>(),
    includes_shipping: model.boolean().default(false),
    /** after this capture every unit of the order is captured: it takes Klarna's exact remainder */
    completes_order: model.boolean().default(false),
    order_lines: model.json<OrderLine[]>().nullable(),
    shipping_info: model.json<ShippingInfo[]>().nullable(),
    description: model.text().nullable(),
    idempotency_key: model.text(),
    /**
     * pending: to be captured (or waiting: fraud review, Klarna unreachable); succeeded: captured at
     * Klarna and recorded in Medusa; failed: Klarna refused, or has nothing left to capture (the
     * reason is in last_error); canceled: the Medusa order was canceled before it was captured.
     */
    status: model.enum(["pending", "succeeded", "failed", "canceled"]).default("pending"),
    attempts: model.number().default(0),
    /** { status, error_code, error_messages, correlation_id, message, at } */
    last_error: model.json<CaptureError>().nullable(),
    created_by: model.text().nullable(),
    /**
     * Who is processing the record, and until when (database time). A lease is renewed while its
     * holder works and simply expires when the holder crashes; one lease per order at a time.
     */
    lease_owner: model.text().nullable(),
    lease_expires_at: model.dateTime().nullable(),
  })
  .indexes([
    // the retry job's read: open records, oldest first, without scanning the settled ones
    {
      name: "IDX_klarna_capture_open",
      on: ["created_at"],
      where: "deleted_at IS NULL AND status IN ('pending', 'failed')",
    },
  ])
