import { defineMiddlewares, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { attachKlarnaCart } from "./utils/attach-klarna-cart"
import { malformedParamErrorHandler } from "./utils/malformed-param-error"
import { resyncKlarnaBeforeComplete } from "./utils/resync-klarna-before-complete"
import { validateParams } from "./utils/validate-params"
import {
  KlarnaAuthorizationCallback,
  KlarnaNotificationCallback,
  StoreKlarnaAuthorization,
} from "./store/klarna/validators"
import {
  AdminKlarnaCapture,
  AdminKlarnaEmptyBody,
  AdminKlarnaExtendDueDate,
  AdminKlarnaShippingInfo,
} from "./admin/klarna/validators"
import { AdminKlarnaPayoutsQuery, AdminKlarnaSettlementsSync } from "./admin/klarna/payout-validators"

// path parameters of the plugin's routes, checked before the body and before the route runs
const orderParam = validateParams({ id: "medusa_id" })
const captureParams = validateParams({ id: "medusa_id", capture_id: "klarna_id" })
const sessionParam = validateParams({ id: "medusa_id" })
const callbackParam = validateParams({ session_id: "medusa_id" })
const payoutParam = validateParams({ payment_reference: "klarna_id" })

export default defineMiddlewares({
  // 400, not Medusa's 500, for a path parameter Express cannot decode (e.g. %zz) on the plugin's routes
  errorHandler: malformedParamErrorHandler(),
  routes: [
    {
      matcher: "/store/payment-collections/:id/payment-sessions",
      method: ["POST"],
      middlewares: [attachKlarnaCart],
    },
    {
      matcher: "/store/carts/:id/complete",
      method: ["POST"],
      middlewares: [resyncKlarnaBeforeComplete],
    },
    {
      matcher: "/store/klarna/payment-sessions/:id/authorization",
      method: ["POST"],
      middlewares: [sessionParam, validateAndTransformBody(StoreKlarnaAuthorization)],
    },
    {
      matcher: "/klarna/callbacks/authorization/:session_id",
      method: ["POST"],
      middlewares: [callbackParam, validateAndTransformBody(KlarnaAuthorizationCallback)],
    },
    {
      matcher: "/klarna/callbacks/notification/:session_id",
      method: ["POST"],
      middlewares: [callbackParam, validateAndTransformBody(KlarnaNotificationCallback)],
    },
    {
      matcher: "/admin/klarna/orders/:id",
      method: ["GET"],
      middlewares: [orderParam],
    },
    {
      matcher: "/admin/klarna/orders/:id/captures",
      method: ["GET"],
      middlewares: [orderParam],
    },
    {
      matcher: "/admin/klarna/orders/:id/captures/:capture_id",
      method: ["GET"],
      middlewares: [captureParams],
    },
    {
      matcher: "/admin/klarna/orders/:id/captures/:capture_id/extend-due-date-options",
      method: ["GET"],
      middlewares: [captureParams],
    },
    // admin Klarna order management (behind Medusa's admin auth; bodies validated before any Klarna call)
    {
      matcher: "/admin/klarna/orders/:id/captures",
      method: ["POST"],
      middlewares: [orderParam, validateAndTransformBody(AdminKlarnaCapture)],
    },
    {
      matcher: "/admin/klarna/orders/:id/captures/:capture_id/extend-due-date",
      method: ["POST"],
      middlewares: [captureParams, validateAndTransformBody(AdminKlarnaExtendDueDate)],
    },
    {
      matcher: "/admin/klarna/orders/:id/captures/:capture_id/shipping-info",
      method: ["POST"],
      middlewares: [captureParams, validateAndTransformBody(AdminKlarnaShippingInfo)],
    },
    {
      matcher: "/admin/klarna/orders/:id/captures/:capture_id/trigger-send-out",
      method: ["POST"],
      middlewares: [captureParams, validateAndTransformBody(AdminKlarnaEmptyBody)],
    },
    {
      matcher: "/admin/klarna/orders/:id/retry-captures",
      method: ["POST"],
      middlewares: [orderParam, validateAndTransformBody(AdminKlarnaEmptyBody)],
    },
    // payouts (Klarna's Settlements API, reconciled with Medusa)
    {
      matcher: "/admin/klarna/payouts",
      method: ["GET"],
      middlewares: [validateAndTransformQuery(AdminKlarnaPayoutsQuery, { isList: true })],
    },
    {
      matcher: "/admin/klarna/payouts/:payment_reference",
      method: ["GET"],
      middlewares: [payoutParam],
    },
    {
      matcher: "/admin/klarna/settlements/sync",
      method: ["POST"],
      middlewares: [validateAndTransformBody(AdminKlarnaSettlementsSync)],
    },
  ],
})
