import type { KlarnaAuthorizeResult, KlarnaLoadResult, KlarnaPaymentsSdk } from "./klarna-payments"
import { loadKlarnaSdk } from "./load-sdk"

type SdkSource = { sdk?: KlarnaPaymentsSdk; url?: string }

const sdkFrom = (source: SdkSource) => (source.sdk ? Promise.resolve(source.sdk) : loadKlarnaSdk({ url: source.url }))

/**
 * Klarna.Payments.init + load: renders Klarna's widget for `category` into `container`.
 * Resolves with Klarna's answer; `show_form: false` means Klarna is not offered for this purchase.
 */
export async function mountKlarnaWidget(
  container: string | HTMLElement,
  clientToken: string,
  category: string,
  source: SdkSource = {}
): Promise<KlarnaLoadResult> {
  const sdk = await sdkFrom(source)
  sdk.init({ client_token: clientToken })
  return new Promise((resolve) => sdk.load({ container, payment_method_category: category }, undefined, resolve))
}

/**
 * Klarna.Payments.authorize: Klarna asks the shopper to approve. `data` may update the purchase
 * (e.g. billing_address) as Klarna allows. Turn the answer into an outcome with `klarnaOutcome`.
 */
export async function authorizeKlarna(
  category: string,
  data?: Record<string, unknown>,
  source: SdkSource = {}
): Promise<KlarnaAuthorizeResult> {
  const sdk = await sdkFrom(source)
  return new Promise((resolve) => sdk.authorize({ payment_method_category: category }, data, resolve))
}
