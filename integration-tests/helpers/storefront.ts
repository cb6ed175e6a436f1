import type { SeededStore } from "../../scripts/seed/seed-store"
import type { EmulatorApi } from "./emulator-api"

export const SHOPPER_ADDRESS = {
  first_name: "Alva",
  last_name: "Andersson",
  address_1: "Storgatan 1",
  city: "Stockholm",
  postal_code: "11122",
  country_code: "se",
  phone: "+46701234567",
}

/** A shopper's journey through Medusa's store API, as Medusa's Next.js starter does it. */
export function storefront(api: any, store: () => SeededStore) {
  const headers = () => ({ headers: { "x-publishable-api-key": store().publishable_key } })
  return {
    headers,
    async cart(items: { sku: string; quantity: number }[], opts: { promo?: boolean; email?: string } = {}) {
      const s = store()
      const { data } = await api.post(
        "/store/carts",
        {
          region_id: s.region_id,
          email: opts.email ?? "alva@example.com",
          shipping_address: SHOPPER_ADDRESS,
          billing_address: SHOPPER_ADDRESS,
          items: items.map((i) => ({ variant_id: s.variants[i.sku], quantity: i.quantity })),
        },
        headers()
      )
      const cartId = data.cart.id
      if (opts.promo) await api.post(`/store/carts/${cartId}/promotions`, { promo_codes: [s.promo_code] }, headers())
      await api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: s.shipping_option_id }, headers())
      const { data: final } = await api.get(`/store/carts/${cartId}`, headers())
      return final.cart
    },
    async klarnaSession(cartId: string, data?: Record<string, unknown>) {
      const { data: pc } = await api.post("/store/payment-collections", { cart_id: cartId }, headers())
      const { data: res } = await api.post(
        `/store/payment-collections/${pc.payment_collection.id}/payment-sessions`,
        { provider_id: "pp_klarna_klarna", ...(data ? { data } : {}) },
        headers()
      )
      const session = res.payment_collection.payment_sessions.find((s: any) => s.provider_id === "pp_klarna_klarna")
      return { collection: res.payment_collection, session }
    },
    async submitToken(paymentSessionId: string, authorization_token: unknown) {
      return api.post(
        `/store/klarna/payment-sessions/${paymentSessionId}/authorization`,
        { authorization_token },
        headers()
      )
    },
    async complete(cartId: string) {
      const { data } = await api.post(`/store/carts/${cartId}/complete`, {}, headers())
      return data
    },
    /** cart → Klarna session → shopper authorizes in the widget → token → order */
    async checkout(
      emulator: EmulatorApi,
      items: { sku: string; quantity: number }[],
      opts: { promo?: boolean; fraud_status?: string } = {}
    ) {
      const cart = await this.cart(items, opts)
      const { session } = await this.klarnaSession(cart.id)
      const auth = await emulator.authorize(
        session.data.klarna_session_id,
        opts.fraud_status ? { fraud_status: opts.fraud_status } : {}
      )
      await this.submitToken(session.id, auth.authorization_token)
      const result = await this.complete(cart.id)
      if (result.order) await merchantReferencesSent(emulator, result.order.id)
      return { cart, session, result, order: result.order }
    },
  }
}

/**
 * The order.placed subscriber tells Klarna the order's number after the checkout answered: waits
 * for that call (whatever Klarna answered), so a test's own count of Klarna calls starts after it.
 */
export async function merchantReferencesSent(emulator: EmulatorApi, orderId: string, timeoutMs = 15000) {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    const sent = (await emulator.requests("/ordermanagement/v1/orders/")).some(
      (r) => r.method === "PATCH" && r.path.endsWith("/merchant-references") && r.body?.merchant_reference2 === orderId
    )
    if (sent) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`the merchant references of ${orderId} never reached Klarna`)
}
