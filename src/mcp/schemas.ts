import { z } from "@medusajs/framework/zod"
import {
  AdminKlarnaCapture,
  AdminKlarnaExtendDueDate,
  AdminKlarnaShippingInfo,
  CaptureItem,
  IDEMPOTENCY_KEY,
  ShippingInfoEntry,
} from "./klarna-admin-adapter"
import { parseOrderRef } from "./order-ref"

/**
 * Tool input schemas. The fields that exist in the admin API are the admin API's own zod
 * validators (so a tool call is checked exactly like the HTTP request, with the same messages
 * naming the field). Those validators check arrays entry by entry inside a z.unknown(), which
 * has no JSON Schema; `.meta()` gives them the JSON Schema a model reads in tools/list.
 */

type JsonSchema = z.core.JSONSchema.BaseSchema

const jsonSchemaOf = (schema: z.ZodType, patch: (s: JsonSchema) => void = () => undefined): JsonSchema => {
  const { $schema, ...rest } = z.toJSONSchema(schema, { io: "input" })
  patch(rest)
  return rest
}

const captureItemJson = jsonSchemaOf(CaptureItem, (s) => {
  // the validator checks the id in code (no JSON Schema of its own): the same rule, for the model to read
  s.properties = {
    ...s.properties,
    line_item_id: {
      type: "string",
      minLength: 1,
      maxLength: 255,
      pattern: "^[A-Za-z0-9_-]+$",
      description: "Medusa line item id (ordli_…), from klarna-get-order's medusa_order.items",
    },
    quantity: { type: "integer", minimum: 1, description: "units of that line to capture" },
  }
})
const shippingInfoJson = jsonSchemaOf(ShippingInfoEntry, (s) => {
  s.minProperties = 1
  s.description = "Klarna shipping info entry (at least one field)"
})

const shippingInfoField = (description: string) =>
  AdminKlarnaShippingInfo.shape.shipping_info.meta({
    type: "array",
    minItems: 1,
    maxItems: 500,
    items: shippingInfoJson,
    description,
  })

export const orderIdField = z
  .string({ error: "order_id must be a string" })
  .refine((v) => parseOrderRef(v) !== null, {
    message: "order_id must be a Medusa order id (order_…) or a display id (#1042 or 1042)",
  })
  .describe("The Medusa order: its id (order_01J…) or the display id shown in the dashboard (#1042 or 1042).")

export const captureIdField = z
  .string({ error: "capture_id must be a string" })
  .min(1, "capture_id must not be empty")
  .max(255, "capture_id must be at most 255 characters")
  .describe("Klarna capture id (capture_id from klarna-list-all-order-captures or klarna-get-order).")

export const idempotencyKeyField = z
  .string({ error: "idempotency_key must be a string" })
  .regex(IDEMPOTENCY_KEY, "idempotency_key must be 1 to 255 visible ASCII characters")
  .optional()
  .describe(
    "Optional. Calls with the same key are one intent: Klarna applies the change once, so resend with the same key after a timeout. Without a key every call is a new intent (calling twice acts twice)."
  )

export const OrderInput = z.object({ order_id: orderIdField }).strict()
export const CaptureRefInput = z.object({ order_id: orderIdField, capture_id: captureIdField }).strict()

export const CaptureOrderInput = AdminKlarnaCapture.safeExtend({
  order_id: orderIdField,
  items: AdminKlarnaCapture.shape.items.meta({
    type: "array",
    minItems: 1,
    maxItems: 1000,
    items: captureItemJson,
    description:
      "What to capture, by line: Klarna receives exactly these units as order lines (the order's first capture also takes the shipping). Give items or amount, not both.",
  }),
  amount: AdminKlarnaCapture.shape.amount.meta({
    exclusiveMinimum: 0,
    description:
      "Or: an amount in the order currency's major units (12.5 = 12.50), at most the remaining authorization. Klarna receives it without order lines.",
  }),
  shipping_info: shippingInfoField("Optional tracking sent with the capture (1–500 entries).").optional(),
  description: AdminKlarnaCapture.shape.description.describe(
    "Optional capture description (1–255 characters), shown to the customer by Klarna."
  ),
  idempotency_key: idempotencyKeyField,
})

export const ExtendDueDateInput = CaptureRefInput.safeExtend({
  number_of_days: AdminKlarnaExtendDueDate.shape.number_of_days.meta({
    type: "integer",
    minimum: 1,
    description:
      "One of the number_of_days offered by klarna-list-options-extension-payment. Klarna refuses others (NOT_ALLOWED).",
  }),
  idempotency_key: idempotencyKeyField,
})

export const AddShippingInfoInput = CaptureRefInput.safeExtend({
  shipping_info: shippingInfoField("Shipping info entries Klarna appends to the capture (1–500)."),
  idempotency_key: idempotencyKeyField,
})

export const SendCommunicationInput = CaptureRefInput.safeExtend({ idempotency_key: idempotencyKeyField })

export const FindOrdersInput = z
  .object({
    expiring_within_days: z
      .number({ error: "expiring_within_days must be a number" })
      .int("expiring_within_days must be an integer")
      .min(1, "expiring_within_days must be at least 1")
      .max(60, "expiring_within_days must be at most 60")
      .default(7)
      .describe(
        "An authorization counts as expiring soon when Klarna's expires_at is within this many days (1–60, default 7)."
      ),
    limit: z
      .number({ error: "limit must be a number" })
      .int("limit must be an integer")
      .min(1, "limit must be at least 1")
      .max(100, "limit must be at most 100")
      .default(25)
      .describe("At most this many orders in the answer, most urgent first (1–100, default 25)."),
  })
  .strict()

// ---- outputs --------------------------------------------------------------------------------

export const amountView = z.object({ minor: z.number().int(), major: z.number() })

export const KlarnaOrderViewOut = z.looseObject({
  order_id: z.string(),
  status: z.string(),
  fraud_status: z.string().nullable(),
  klarna_reference: z.string().nullable(),
  currency_code: z.string(),
  expires_at: z.string().nullable(),
  created_at: z.string().nullable(),
  amounts: z.object({
    order_amount: amountView,
    captured_amount: amountView,
    refunded_amount: amountView,
    remaining_authorized_amount: amountView,
  }),
})

/** a Klarna capture object as Klarna returns it (amounts in minor units) */
export const KlarnaCaptureOut = z.looseObject({
  capture_id: z.string(),
  captured_amount: z.number().int(),
  klarna_reference: z.string().optional(),
  captured_at: z.string().optional(),
  description: z.string().optional(),
  refunded_amount: z.number().int().optional(),
  shipping_info: z.array(z.looseObject({})).optional(),
})

export const CaptureRecordOut = z.looseObject({
  id: z.string(),
  status: z.string().describe("pending | succeeded | failed"),
  amount: z.number().nullable().describe("minor units"),
  currency_code: z.string(),
  fulfillment_id: z.string().nullable(),
  klarna_capture_id: z.string().nullable(),
  attempts: z.number(),
  last_error: z.looseObject({}).nullable(),
  created_by: z.string().nullable(),
})

export const ActionOut = z.looseObject({
  id: z.string(),
  action: z.string(),
  actor_id: z.string().nullable(),
  outcome: z.string(),
  klarna_capture_id: z.string().nullable(),
})

export const MedusaOrderOut = z.object({
  id: z.string(),
  display_id: z.number().nullable(),
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string().nullable(),
      variant_sku: z.string().nullable(),
      quantity: z.number(),
      captured_quantity: z.number().describe("units in succeeded capture records"),
    })
  ),
})
