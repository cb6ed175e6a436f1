import type { ApiHandler } from "./context"
import { cancelAuthorization, createCustomerToken, createOrder } from "./kp-authorizations"
import { createSession, readSession, updateSession } from "./kp-sessions"
import {
  appendCaptureShippingInfo,
  createCapture,
  extendDueDate,
  getCapture,
  getExtendDueDateOptions,
  listCaptures,
  triggerSendOut,
} from "./om-captures"
import {
  acknowledgeOrder,
  addOrderShippingInfo,
  cancelOrder,
  extendAuthorizationTime,
  getOrder,
  releaseRemainingAuthorization,
  updateAuthorization,
  updateCustomerDetails,
  updateMerchantReferences,
} from "./om-orders"
import { createRefund, getRefund } from "./om-refunds"
import { Router } from "./router"
import { getPayout, listPayouts, listTransactions, payoutSummary, SETTLEMENTS } from "./settlements-api"

const KP = "/payments/v1"
const ORDER = "/ordermanagement/v1/orders/:order_id"
const CAPTURE = `${ORDER}/captures/:capture_id`

/** Klarna Payments v1, Order Management v1 and Settlements v1, with Klarna's paths and methods. */
export const apiRouter = new Router<ApiHandler>()
  .add("POST", `${KP}/sessions`, createSession)
  .add("POST", `${KP}/sessions/:session_id`, updateSession)
  .add("GET", `${KP}/sessions/:session_id`, readSession)
  .add("POST", `${KP}/authorizations/:authorization_token/order`, createOrder)
  .add("DELETE", `${KP}/authorizations/:authorization_token`, cancelAuthorization)
  .add("POST", `${KP}/authorizations/:authorization_token/customer-token`, createCustomerToken)

  .add("GET", ORDER, getOrder)
  .add("POST", `${ORDER}/acknowledge`, acknowledgeOrder)
  .add("PATCH", `${ORDER}/authorization`, updateAuthorization)
  .add("POST", `${ORDER}/cancel`, cancelOrder)
  .add("PATCH", `${ORDER}/customer-details`, updateCustomerDetails)
  .add("POST", `${ORDER}/extend-authorization-time`, extendAuthorizationTime)
  .add("PATCH", `${ORDER}/merchant-references`, updateMerchantReferences)
  .add("POST", `${ORDER}/release-remaining-authorization`, releaseRemainingAuthorization)
  .add("POST", `${ORDER}/shipping-info`, addOrderShippingInfo)
  .add("GET", `${ORDER}/captures`, listCaptures)
  .add("POST", `${ORDER}/captures`, createCapture)
  .add("GET", CAPTURE, getCapture)
  .add("PATCH", `${CAPTURE}/extend-due-date`, extendDueDate)
  .add("GET", `${CAPTURE}/extend-due-date-options`, getExtendDueDateOptions)
  .add("POST", `${CAPTURE}/shipping-info`, appendCaptureShippingInfo)
  .add("POST", `${CAPTURE}/trigger-send-out`, triggerSendOut)
  .add("POST", `${ORDER}/refunds`, createRefund)
  .add("GET", `${ORDER}/refunds/:refund_id`, getRefund)

  .add("GET", `${SETTLEMENTS}/payouts`, listPayouts)
  .add("GET", `${SETTLEMENTS}/payouts/summary`, payoutSummary)
  .add("GET", `${SETTLEMENTS}/payouts/:payment_reference`, getPayout)
  .add("GET", `${SETTLEMENTS}/transactions`, listTransactions)

/** OM's mutating calls take `Klarna-Idempotency-Key`; GETs and KP take none. */
export const isIdempotent = (method: string, path: string) =>
  (method === "POST" || method === "PATCH") && path.startsWith("/ordermanagement/")
