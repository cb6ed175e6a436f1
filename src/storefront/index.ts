/**
 * Framework-free helpers for a Klarna checkout in the browser: medusa-plugin-klarna-storefront (the package
 * storefronts install) and medusa-plugin-klarna/storefront. The React component is in their `/react` entry.
 */
export * from "./klarna-payments"
export { KLARNA_SDK_URL, loadKlarnaSdk } from "./load-sdk"
export { mountKlarnaWidget, authorizeKlarna } from "./widget"
export { submitAuthorization, KlarnaCheckoutError, type SubmitAuthorizationOptions } from "./submit-authorization"
export { klarnaOutcome, klarnaOutcomeMessage, type KlarnaOutcome } from "./outcome"
export {
  findKlarnaSession,
  isKlarnaSession,
  klarnaSessionInfo,
  type KlarnaSessionInfo,
  type MedusaPaymentSessionLike,
} from "./session"
