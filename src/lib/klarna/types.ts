/**
 * Request and response models of Klarna Payments (KP) v1 and Order Management (OM) v1.
 * Sources: Klarna's API reference and its OM Swagger spec (a copy is in emulator/spec/).
 * Amounts are integers in minor units; `tax_rate` has two implied decimals (2500 = 25 %).
 * Response models mark as optional what Klarna may omit; unknown extra fields are allowed.
 */

export type OrderLineType =
  | "physical"
  | "discount"
  | "shipping_fee"
  | "sales_tax"
  | "store_credit"
  | "gift_card"
  | "digital"
  | "surcharge"
  | "return_fee"

export interface ProductIdentifiers {
  category_path?: string
  global_trade_item_number?: string
  manufacturer_part_number?: string
  brand?: string
  color?: string
  size?: string
}

/**
 * One Klarna order line, the same in KP and OM, in requests and responses (OM swagger
 * `order_line`: type, tax_rate and total_tax_amount are required; `total_discount_amount` defaults
 * to 0). The plugin's own lines (lib/order-lines) always carry every amount.
 */
export type OrderLine = {
  type: OrderLineType
  reference?: string
  name: string
  quantity: number
  quantity_unit?: string
  unit_price: number
  /** basis points: 25 % → 2500 */
  tax_rate: number
  total_amount: number
  total_discount_amount?: number
  total_tax_amount: number
  merchant_data?: string
  product_url?: string
  image_url?: string
  product_identifiers?: ProductIdentifiers
}

/** Klarna's shipping_method values (OM API; the last four are newer additions). */
export const SHIPPING_METHODS = [
  "PickUpStore",
  "Home",
  "BoxReg",
  "BoxUnreg",
  "PickUpPoint",
  "Own",
  "Postal",
  "DHLPackstation",
  "Digital",
  "Undefined",
  "PickUpWarehouse",
  "ClickCollect",
  "PalletDelivery",
] as const

export type ShippingMethod = (typeof SHIPPING_METHODS)[number]

export type ShippingInfo = {
  shipping_company?: string
  shipping_method?: ShippingMethod
  tracking_number?: string
  tracking_uri?: string
  return_shipping_company?: string
  return_tracking_number?: string
  return_tracking_uri?: string
}

/** Address as used by KP and OM (OM swagger `address`). */
export interface KlarnaAddress {
  given_name?: string
  family_name?: string
  title?: string
  organization_name?: string
  email?: string
  phone?: string
  street_address?: string
  street_address2?: string
  postal_code?: string
  city?: string
  region?: string
  /** ISO 3166 alpha-2 */
  country?: string
}

/** Options for OM calls that change state: the caller supplies the key (see idempotencyKeyFor). */
export interface IdemOpts {
  idempotencyKey: string
}

/** Body of Klarna's error responses, OM and KP alike (not the admin API's KlarnaErrorResponseBody). */
export interface KlarnaErrorBody {
  correlation_id?: string
  error_code?: string
  error_messages?: string[]
}

// ---------------------------------------------------------------- Klarna Payments

export type KpIntent = "buy" | "tokenize" | "buy_and_tokenize"

export interface KpMerchantUrls {
  confirmation?: string
  notification?: string
  push?: string
  authorization?: string
}

export interface KpSessionRequest {
  /** ISO 3166 alpha-2 */
  purchase_country: string
  /** ISO 4217 */
  purchase_currency: string
  locale?: string
  order_amount: number
  order_tax_amount?: number
  order_lines: OrderLine[]
  billing_address?: KlarnaAddress
  shipping_address?: KlarnaAddress
  merchant_reference1?: string
  merchant_reference2?: string
  merchant_data?: string
  merchant_urls?: KpMerchantUrls
  intent?: KpIntent
}

export interface KpPaymentMethodCategory {
  identifier: string
  name?: string
  asset_urls?: { descriptive?: string; standard?: string }
}

export interface KpSessionCreated {
  session_id: string
  client_token: string
  payment_method_categories?: KpPaymentMethodCategory[]
}

export type KpSessionStatus = "complete" | "incomplete"

/** GET /payments/v1/sessions/{session_id} */
export interface KpSession extends Partial<KpSessionRequest> {
  session_id?: string
  client_token?: string
  status?: KpSessionStatus
  /** present once the shopper has authorized */
  authorization_token?: string
  expires_at?: string
  payment_method_categories?: KpPaymentMethodCategory[]
  [extra: string]: unknown
}

export interface KpOrderRequest extends KpSessionRequest {
  auto_capture?: boolean
}

export type FraudStatus = "ACCEPTED" | "PENDING" | "REJECTED"

export interface KpOrderCreated {
  order_id: string
  redirect_url?: string
  fraud_status: FraudStatus
  authorized_payment_method?: {
    type: string
    number_of_days?: number
    number_of_installments?: number
  }
}

// ---------------------------------------------------------------- Order Management

export type OmOrderStatus = "AUTHORIZED" | "PART_CAPTURED" | "CAPTURED" | "CANCELLED" | "EXPIRED" | "CLOSED"

export interface OmCapture {
  capture_id: string
  klarna_reference?: string
  captured_amount: number
  captured_at?: string
  description?: string
  reference?: string
  order_lines?: OrderLine[]
  refunded_amount?: number
  billing_address?: KlarnaAddress
  shipping_address?: KlarnaAddress
  shipping_info?: ShippingInfo[]
}

export interface OmRefund {
  refund_id: string
  refunded_amount: number
  refunded_at?: string
  description?: string
  reference?: string
  order_lines?: OrderLine[]
}

export interface OmInitialPaymentMethod {
  type?: string
  description?: string
  number_of_installments?: number
}

export interface OmOrder {
  order_id: string
  status: OmOrderStatus
  fraud_status?: FraudStatus
  order_amount: number
  original_order_amount?: number
  captured_amount: number
  refunded_amount: number
  remaining_authorized_amount: number
  purchase_currency: string
  purchase_country?: string
  locale?: string
  order_lines?: OrderLine[]
  merchant_reference1?: string
  merchant_reference2?: string
  merchant_data?: string
  klarna_reference?: string
  customer?: { date_of_birth?: string; national_identification_number?: string }
  billing_address?: KlarnaAddress
  shipping_address?: KlarnaAddress
  created_at?: string
  /** captures are only possible before this instant */
  expires_at?: string
  captures?: OmCapture[]
  refunds?: OmRefund[]
  initial_payment_method?: OmInitialPaymentMethod
  selected_shipping_option?: Record<string, unknown>
}

export interface OmCaptureRequest {
  captured_amount: number
  description?: string
  reference?: string
  order_lines?: OrderLine[]
  shipping_info?: ShippingInfo[]
  shipping_delay?: number
}

export interface OmRefundRequest {
  refunded_amount: number
  description?: string
  reference?: string
  order_lines?: OrderLine[]
}

/** PATCH /orders/{id}/authorization: the order's new amount and lines (Klarna replaces its lines). */
export interface OmUpdateAuthorizationRequest {
  order_amount: number
  description?: string
  order_lines?: OrderLine[]
}

export interface ExtendDueDateOption {
  number_of_days: number
  /** fee the merchant pays, minor units */
  amount: number
}

export interface ExtendDueDateOptions {
  currency?: string
  options: ExtendDueDateOption[]
}

export interface OmMerchantReferences {
  merchant_reference1?: string
  merchant_reference2?: string
}

export interface OmShippingInfoRequest {
  shipping_info: ShippingInfo[]
}

export interface OmCreated {
  location: string
}
