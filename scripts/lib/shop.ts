// The store's side of the chaos suite and the capture benchmark, over HTTP only: a shopper checks
// out (with Klarna through the emulator, or with Medusa's system provider), the warehouse fulfills
// and ships, and both books are read back (Medusa's payment captures, Klarna's order).
import { randomUUID } from "crypto"
import { SHOPPER_ADDRESS } from "../../integration-tests/helpers/storefront"
import { jsonClient } from "../../integration-tests/e2e/support/http"
import type { SeededAdminStore } from "./store"

export type Items = { sku: string; quantity: number }[]
export interface OrderLine {
  id: string
  sku: string
  quantity: number
}
export interface PlacedOrder {
  orderId: string
  /** Klarna's order id (null for system-provider orders) */
  klarnaOrderId: string | null
  paymentId: string | null
  /** minor units (Medusa's total × 100, SEK) */
  totalMinor: number
  lines: OrderLine[]
}

export const toMinor = (major: number) => Math.round(Number(major) * 100)

/**
 * Medusa answers 409 ("conflicted with another request") when concurrent order workflows contend
 * for the same lock (e.g. the same inventory item on different orders); like an admin, try again.
 */
async function retryConflicts<T>(fn: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs
  for (let i = 1; ; i++) {
    try {
      return await fn()
    } catch (e) {
      if (Date.now() > until || !/→ 409 /.test((e as Error).message)) throw e
      await new Promise((r) => setTimeout(r, Math.min(150 * i, 1000)))
    }
  }
}

export async function adminLogin(medusaUrl: string, seed: SeededAdminStore): Promise<string> {
  const { token } = await jsonClient(medusaUrl).post("/auth/user/emailpass", seed.admin)
  return token
}

export function shop(opts: { medusaUrl: string; emulatorUrl: string; seed: SeededAdminStore; token: string }) {
  const { seed } = opts
  const store = jsonClient(opts.medusaUrl, () => ({ "x-publishable-api-key": seed.publishable_key }))
  const admin = jsonClient(opts.medusaUrl, () => ({ authorization: `Bearer ${opts.token}` }))
  const emulator = jsonClient(opts.emulatorUrl)

  async function cart(items: Items) {
    const { cart } = await store.post("/store/carts", {
      region_id: seed.region_id,
      // one guest per cart: Medusa races creating the same guest customer for parallel carts
      email: `alva+${randomUUID().slice(0, 12)}@example.com`,
      shipping_address: SHOPPER_ADDRESS,
      billing_address: SHOPPER_ADDRESS,
      items: items.map((i) => ({ variant_id: seed.variants[i.sku], quantity: i.quantity })),
    })
    await store.post(`/store/carts/${cart.id}/shipping-methods`, { option_id: seed.shipping_option_id })
    return cart.id as string
  }

  /**
   * The order.placed subscriber tells Klarna the order's number after checkout answered: waiting
   * for that PATCH keeps it out of the Klarna calls a benchmark or chaos case counts afterwards.
   */
  async function merchantReferencesSent(klarnaOrderId: string, timeoutMs = 30_000) {
    const until = Date.now() + timeoutMs
    const prefix = encodeURIComponent(`/ordermanagement/v1/orders/${klarnaOrderId}/merchant-references`)
    while (Date.now() < until) {
      if ((await emulator.get(`/__emulator/requests?path_prefix=${prefix}`)).length) return
      await new Promise((r) => setTimeout(r, 50))
    }
  }

  async function placed(orderId: string): Promise<PlacedOrder> {
    const { order } = await admin.get(
      // items.*, not items.quantity: up to Medusa 2.20, single item fields come without quantity (src/utils/medusa-order-fields.ts)
      `/admin/orders/${orderId}?fields=id,total,items.*,payment_collections.payments.id,payment_collections.payments.data,payment_collections.payment_sessions.data`
    )
    const collection = order.payment_collections?.[0]
    const payment = collection?.payments?.[0]
    const klarnaOrderId =
      payment?.data?.order_id ??
      collection?.payment_sessions?.find((s: any) => s.data?.order_id)?.data?.order_id ??
      null
    return {
      orderId,
      klarnaOrderId,
      paymentId: payment?.id ?? null,
      totalMinor: toMinor(order.total),
      lines: order.items.map((i: any) => ({ id: i.id, sku: i.variant_sku, quantity: Number(i.quantity) })),
    }
  }

  async function fulfillOnce(orderId: string, items: { id: string; quantity: number }[]): Promise<string> {
    const before = await admin.get(`/admin/orders/${orderId}?fields=id,fulfillments.id`)
    const known = new Set(before.order.fulfillments.map((f: any) => f.id))
    const { order } = await admin.post(`/admin/orders/${orderId}/fulfillments?fields=id,fulfillments.id`, { items })
    const created = order.fulfillments.find((f: any) => !known.has(f.id))
    if (!created) throw new Error(`no new fulfillment on ${orderId}`)
    return created.id as string
  }

  async function shipOnce(
    orderId: string,
    fulfillmentId: string,
    items: { id: string; quantity: number }[],
    tracking: string
  ) {
    await admin.post(`/admin/orders/${orderId}/fulfillments/${fulfillmentId}/shipments?fields=id`, {
      items,
      labels: [
        {
          tracking_number: tracking,
          tracking_url: `https://tracking.example/${tracking}`,
          label_url: "https://labels.example/1.pdf",
        },
      ],
    })
  }

  return {
    admin,
    emulator,
    /** cart → Klarna session → the shopper authorizes in the widget (emulator) → token → order */
    async checkoutKlarna(items: Items, o: { fraud_status?: string } = {}): Promise<PlacedOrder> {
      const cartId = await cart(items)
      const { payment_collection: pc } = await store.post("/store/payment-collections", { cart_id: cartId })
      const { payment_collection } = await store.post(`/store/payment-collections/${pc.id}/payment-sessions`, {
        provider_id: "pp_klarna_klarna",
      })
      const session = payment_collection.payment_sessions.find((s: any) => s.provider_id === "pp_klarna_klarna")
      const auth = await emulator.post(
        `/__emulator/sessions/${session.data.klarna_session_id}/authorize`,
        o.fraud_status ? { fraud_status: o.fraud_status } : {}
      )
      await store.post(`/store/klarna/payment-sessions/${session.id}/authorization`, {
        authorization_token: auth.authorization_token,
      })
      const completed = await retryConflicts(() => store.post(`/store/carts/${cartId}/complete`))
      if (!completed.order)
        throw new Error(
          `cart ${cartId} did not become an order: ${JSON.stringify(completed.error ?? completed).slice(0, 300)}`
        )
      const order = await placed(completed.order.id)
      if (order.klarnaOrderId) await merchantReferencesSent(order.klarnaOrderId)
      return order
    },
    /** the same cart paid with Medusa's system provider (pp_system_default) */
    async checkoutSystem(items: Items): Promise<PlacedOrder> {
      const cartId = await cart(items)
      const { payment_collection: pc } = await store.post("/store/payment-collections", { cart_id: cartId })
      await store.post(`/store/payment-collections/${pc.id}/payment-sessions`, { provider_id: "pp_system_default" })
      const { order } = await retryConflicts(() => store.post(`/store/carts/${cartId}/complete`))
      if (!order) throw new Error(`cart ${cartId} did not become an order`)
      return placed(order.id)
    },
    fulfill: (orderId: string, items: { id: string; quantity: number }[]) =>
      retryConflicts(() => fulfillOnce(orderId, items)),
    ship: (orderId: string, fulfillmentId: string, items: { id: string; quantity: number }[], tracking = "PN-1") =>
      retryConflicts(() => shipOnce(orderId, fulfillmentId, items, tracking)),
    /** Medusa's book: the order's payment captures (minor units, count) */
    async medusaCaptured(orderId: string): Promise<{ amount: number; count: number }> {
      const { order } = await admin.get(
        `/admin/orders/${orderId}?fields=id,payment_collections.payments.captures.id,payment_collections.payments.captures.amount`
      )
      const captures = (order.payment_collections ?? []).flatMap((c: any) =>
        (c.payments ?? []).flatMap((p: any) => p.captures ?? [])
      )
      return { amount: captures.reduce((s: number, c: any) => s + toMinor(c.amount), 0), count: captures.length }
    },
    /** Klarna's book, from the emulator's own state (no API call, so the request log stays clean) */
    async klarnaCaptured(
      klarnaOrderId: string
    ): Promise<{ amount: number; count: number; status: string; remaining: number }> {
      const o = await emulator.get(`/__emulator/orders/${klarnaOrderId}`)
      return {
        amount: o.captured_amount,
        count: o.captures.length,
        status: o.status,
        remaining: o.remaining_authorized_amount,
      }
    },
  }
}

export type Shop = ReturnType<typeof shop>
