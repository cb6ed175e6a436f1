import { defineMiddlewares, validateAndTransformBody } from "@medusajs/framework/http"
import { attachKlarnaCart } from "./utils/attach-klarna-cart"
import { KlarnaAuthorizationCallback, StoreKlarnaAuthorization } from "./store/klarna/validators"

export default defineMiddlewares({
  routes: [
    {
      matcher: "/store/payment-collections/:id/payment-sessions",
      method: ["POST"],
      middlewares: [attachKlarnaCart],
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
  ],
})
