export interface SubmitAuthorizationOptions {
  /** Medusa's URL, e.g. https://api.shop.example (no trailing slash needed) */
  backendUrl: string
  publishableKey: string
  paymentSessionId: string
  authorizationToken: string
  /** defaults to the global fetch; cookies are sent (credentials: "include") like Medusa's JS SDK does */
  fetch?: typeof fetch
}

export class KlarnaCheckoutError extends Error {
  constructor(
    message: string,
    readonly status?: number
  ) {
    super(message)
    this.name = "KlarnaCheckoutError"
  }
}

/**
 * Hands the token from Klarna.Payments.authorize to the plugin:
 * POST /store/klarna/payment-sessions/:id/authorization. The plugin keeps it only if Klarna shows
 * it on this session; then complete the cart (POST /store/carts/:id/complete).
 */
export async function submitAuthorization(
  options: SubmitAuthorizationOptions
): Promise<{ id: string; status: string }> {
  const doFetch = options.fetch ?? fetch
  const url = `${options.backendUrl.replace(/\/+$/, "")}/store/klarna/payment-sessions/${encodeURIComponent(options.paymentSessionId)}/authorization`
  const res = await doFetch(url, {
    method: "POST",
    credentials: "include",
    headers: { "content-type": "application/json", "x-publishable-api-key": options.publishableKey },
    body: JSON.stringify({ authorization_token: options.authorizationToken }),
  })
  const body = await res.json().catch(() => ({}))
  if (!res.ok)
    throw new KlarnaCheckoutError(
      body?.message || `Klarna authorization was not accepted (HTTP ${res.status})`,
      res.status
    )
  return body.payment_session
}
