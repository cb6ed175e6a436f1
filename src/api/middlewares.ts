import { defineMiddlewares, validateAndTransformBody } from "@medusajs/framework/http"
import { attachKlarnaCart } from "./utils/attach-klarna-cart"
import { resyncKlarnaBeforeComplete } from "./utils/resync-klarna-before-complete"
import { KlarnaAuthorizationCallback, StoreKlarnaAuthorization } from "./store/klarna/validators"
import {
  AdminKlarnaCapture,
  AdminKlarnaEmptyBody,
  AdminKlarnaExtendDueDate,
  AdminKlarnaShippingInfo,
} from "./admin/klarna/validators"

export default defineMiddlewares({
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
      middlewares: [validateAndTransformBody(StoreKlarnaAuthorization)],
    },
    {
      matcher: "/klarna/callbacks/authorization/:session_id/:secret",
      method: ["POST"],
      middlewares: [validateAndTransformBody(KlarnaAuthorizationCallback)],
    },
    // admin Klarna order management (behind Medusa's admin auth; bodies validated before any Klarna call)
    {
      matcher: "/admin/klarna/orders/:id/captures",
      method: ["POST"],
      middlewares: [validateAndTransformBody(AdminKlarnaCapture)],
    },
    {
      matcher: "/admin/klarna/orders/:id/captures/:capture_id/extend-due-date",
      method: ["POST"],
      middlewares: [validateAndTransformBody(AdminKlarnaExtendDueDate)],
    },
    {
      matcher: "/admin/klarna/orders/:id/captures/:capture_id/shipping-info",
      method: ["POST"],
      middlewares: [validateAndTransformBody(AdminKlarnaShippingInfo)],
    },
    {
      matcher: "/admin/klarna/orders/:id/captures/:capture_id/trigger-send-out",
      method: ["POST"],
      middlewares: [validateAndTransformBody(AdminKlarnaEmptyBody)],
    },
    {
      matcher: "/admin/klarna/orders/:id/retry-captures",
      method: ["POST"],
      middlewares: [validateAndTransformBody(AdminKlarnaEmptyBody)],
    },
  ],
})
