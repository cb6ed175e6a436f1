import type { EmulatorResponse } from "./http"
import { SettlementsLedger } from "./settlements-ledger"

export type OrderLine = Record<string, unknown> & {
  type?: string
  name: string
  quantity: number
  unit_price: number
  total_amount: number
  total_discount_amount?: number
  tax_rate?: number
  total_tax_amount?: number
}
export type Address = Record<string, unknown>
export type ShippingInfo = Record<string, unknown>
export type FraudStatus = "ACCEPTED" | "PENDING" | "REJECTED"

/** What a KP session (and a KP create-order body) carries. */
export interface PurchaseData {
  purchase_country: string
  purchase_currency: string
  locale?: string
  order_amount: number
  order_tax_amount?: number
  order_lines: OrderLine[]
  billing_address?: Address
  shipping_address?: Address
  merchant_reference1?: string
  merchant_reference2?: string
  merchant_data?: string
  merchant_urls?: Record<string, string>
  intent?: string
  [field: string]: unknown
}

export interface Session {
  session_id: string
  merchant: string
  client_token: string
  created_at: number
  updated_at: number
  data: PurchaseData
  /** The newest token issued for this session (older unused ones are revoked). */
  authorization_token?: string
}

export interface PaymentMethod {
  type: string
  number_of_days: number
  number_of_installments: number
}

export interface Authorization {
  token: string
  session_id: string
  merchant: string
  /** The session as the shopper authorized it: create-order must match this. */
  authorized: PurchaseData
  fraud_status: FraudStatus
  payment_method: PaymentMethod
  created_at: number
  expires_at: number
  revoked: boolean
  /** Set once an order was created: the canonical body and the answer, for safe retries. */
  order?: { body: string; response: EmulatorResponse }
  customer_token?: { body: string; response: EmulatorResponse }
}

export interface Capture {
  capture_id: string
  klarna_reference: string
  captured_amount: number
  captured_at: string
  description?: string
  reference?: string
  order_lines: OrderLine[]
  refunded_amount: number
  billing_address?: Address
  shipping_address?: Address
  shipping_info: ShippingInfo[]
  /** Emulator bookkeeping, not part of Klarna's capture object. */
  due_date_extended_days?: number
  send_outs: number
}

export interface Refund {
  refund_id: string
  refunded_amount: number
  refunded_at: string
  description?: string
  reference?: string
  order_lines: OrderLine[]
}

export interface Order {
  order_id: string
  merchant: string
  session_id: string
  klarna_reference: string
  fraud_status: FraudStatus
  order_amount: number
  original_order_amount: number
  purchase_currency: string
  purchase_country: string
  locale?: string
  order_lines: OrderLine[]
  merchant_reference1?: string
  merchant_reference2?: string
  merchant_data?: string
  billing_address?: Address
  shipping_address?: Address
  merchant_urls: Record<string, string>
  payment_method: PaymentMethod
  created_at: number
  expires_at: number
  captures: Capture[]
  refunds: Refund[]
  cancelled: boolean
  released: boolean
  acknowledged: boolean
  /** Order-level shipping info (the newer POST /shipping-info). */
  shipping_info: ShippingInfo[]
  /** Klarna's risk decision on raising the authorization (PATCH /authorization): false refuses every increase. */
  increases_allowed: boolean
}

export interface LoggedRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: Record<string, string | string[] | undefined>
  username: string | null
  body: unknown
  /** the caller's TCP port: tells which process made the call */
  remote_port: number | null
  /** 0 while unanswered, and for ever when the connection was dropped. */
  status: number
  at: string
}

export interface Fault {
  id: string
  method?: string
  path: string
  status?: number
  error_code?: string
  retry_after?: number
  /** Remaining uses; Infinity when persistent. */
  remaining: number
  /** Matching calls still to let through before the fault applies. */
  skip?: number
  delay_ms?: number
  delay_after_ms?: number
  drop_connection?: "before" | "after"
}

export interface CallbackAttempt {
  kind: "authorization" | "notification"
  url: string
  body: unknown
  attempt: number
  /** HTTP status, or 0 when the request itself failed. */
  status: number
  error?: string
  at: string
}

export interface IdempotentResult {
  at: number
  response: EmulatorResponse
}

/** Everything the emulator knows; one instance per running emulator. */
export class EmulatorState {
  sessions = new Map<string, Session>()
  authorizations = new Map<string, Authorization>()
  orders = new Map<string, Order>()
  klarnaReferences = new Set<string>()
  /** key: `${merchant}\n${Klarna-Idempotency-Key}` */
  idempotency = new Map<string, IdempotentResult>()
  requests: LoggedRequest[] = []
  faults: Fault[] = []
  callbacks: CallbackAttempt[] = []
  /** Settlements API: transactions from captures and refunds, payouts */
  settlements = new SettlementsLedger()

  reset(): void {
    this.sessions.clear()
    this.authorizations.clear()
    this.orders.clear()
    this.klarnaReferences.clear()
    this.idempotency.clear()
    this.requests = []
    this.faults = []
    this.callbacks = []
    this.settlements.reset()
  }
}
