/**
 * Klarna Payments v1 request bodies as draft-04 JSON Schema. Klarna publishes no machine-readable
 * KP spec, so these carry the rules of its API reference (required fields, limits, enumerations) and
 * accept unknown fields, as Klarna does.
 */

/** Klarna's order-line types (swagger plus the newer return_fee). */
export const ORDER_LINE_TYPES = [
  "physical",
  "discount",
  "shipping_fee",
  "sales_tax",
  "store_credit",
  "gift_card",
  "digital",
  "surcharge",
  "return_fee", // newer
]

const str = (maxLength?: number) => (maxLength ? { type: "string", maxLength } : { type: "string" })
const integer = (minimum?: number, maximum?: number) => ({
  type: "integer",
  ...(minimum === undefined ? {} : { minimum }),
  ...(maximum === undefined ? {} : { maximum }),
})

const address = {
  type: "object",
  properties: Object.fromEntries(
    [
      "given_name",
      "family_name",
      "title",
      "street_address",
      "street_address2",
      "street_name",
      "street_number",
      "house_extension",
      "postal_code",
      "city",
      "region",
      "country",
      "email",
      "phone",
      "organization_name",
      "attention",
    ].map((field) => [field, { type: "string" }])
  ),
}

const orderLine = {
  type: "object",
  required: ["name", "quantity", "unit_price", "total_amount"],
  properties: {
    type: {
      type: "string",
      enum: ORDER_LINE_TYPES,
    },
    reference: str(255),
    name: str(255),
    quantity: integer(0),
    quantity_unit: str(8),
    unit_price: integer(),
    tax_rate: integer(0, 10000),
    total_amount: integer(),
    total_discount_amount: integer(0),
    total_tax_amount: integer(),
    merchant_data: str(1024),
    product_url: str(1024),
    image_url: str(1024),
    product_identifiers: {
      type: "object",
      properties: Object.fromEntries(
        ["category_path", "global_trade_item_number", "manufacturer_part_number", "brand", "color", "size"].map(
          (field) => [field, { type: "string" }]
        )
      ),
    },
  },
}

const purchaseProperties = {
  purchase_country: { type: "string", pattern: "^[A-Za-z]{2}$" },
  purchase_currency: { type: "string", pattern: "^[A-Za-z]{3}$" },
  locale: { type: "string", pattern: "^[A-Za-z]{2,3}(-[A-Za-z]{2})?$" },
  order_amount: integer(0),
  order_tax_amount: integer(),
  order_lines: { type: "array", minItems: 1, maxItems: 1000, items: orderLine },
  billing_address: address,
  shipping_address: address,
  merchant_reference1: str(255),
  merchant_reference2: str(255),
  merchant_data: str(6000),
  merchant_urls: {
    type: "object",
    properties: Object.fromEntries(
      ["confirmation", "notification", "push", "authorization"].map((field) => [field, str(2000)])
    ),
  },
  intent: { type: "string", enum: ["buy", "tokenize", "buy_and_tokenize"] },
}

const purchaseRequired = ["purchase_country", "purchase_currency", "order_amount", "order_lines"]

export const kpSchemas = {
  "create-session": { type: "object", required: purchaseRequired, properties: purchaseProperties },
  "update-session": { type: "object", properties: purchaseProperties },
  "create-order": {
    type: "object",
    required: purchaseRequired,
    properties: { ...purchaseProperties, auto_capture: { type: "boolean" } },
  },
  "customer-token": {
    type: "object",
    required: ["description", "intended_use", "locale", "purchase_country", "purchase_currency"],
    properties: {
      description: str(255),
      intended_use: { type: "string", enum: ["SUBSCRIPTION"] },
      locale: purchaseProperties.locale,
      purchase_country: purchaseProperties.purchase_country,
      purchase_currency: purchaseProperties.purchase_currency,
      billing_address: address,
    },
  },
} as const

export type KpSchemaName = keyof typeof kpSchemas
