import type { SeededStore } from "../../../scripts/seed/seed-store"
import { SHOPPER_ADDRESS as ADDRESS } from "../../helpers/storefront"
import { jsonClient, waitFor } from "./http"

export interface ShippedKlarnaOrder {
  orderId: string
  klarnaOrderId: string
  captureId: string
  trackingNumber: string
  trackingUrl: string
  /** "shipment" when the plugin's capture-on-shipment did it, "manual" when the fallback did */
  capturedBy: "shipment" | "manual"
}

/**
 * A shopper buys a jacket and two scarves with Klarna through the store API (as Medusa's Next.js
 * starter does), then the warehouse fulfills and ships the jacket through the admin API, which
 * makes the plugin capture that part at Klarna with the carrier's tracking info.
 */
export async function createShippedKlarnaOrder(opts: {
  medusaUrl: string
  emulatorUrl: string
  store: SeededStore
  adminToken: string
  log: (m: string) => void
}): Promise<ShippedKlarnaOrder> {
  const store = jsonClient(opts.medusaUrl, () => ({ "x-publishable-api-key": opts.store.publishable_key }))
  const admin = jsonClient(opts.medusaUrl, () => ({ authorization: `Bearer ${opts.adminToken}` }))
  const emulator = jsonClient(opts.emulatorUrl)

  const { cart } = await store.post("/store/carts", {
    region_id: opts.store.region_id,
    email: "alva@example.com",
    shipping_address: ADDRESS,
    billing_address: ADDRESS,
    items: [
      { variant_id: opts.store.variants["JACKET-M"], quantity: 1 },
      { variant_id: opts.store.variants["SCARF-GREY"], quantity: 2 },
    ],
  })
  await store.post(`/store/carts/${cart.id}/shipping-methods`, { option_id: opts.store.shipping_option_id })
  const { payment_collection: pc } = await store.post("/store/payment-collections", { cart_id: cart.id })
  const { payment_collection } = await store.post(`/store/payment-collections/${pc.id}/payment-sessions`, {
    provider_id: "pp_klarna_klarna",
  })
  const session = payment_collection.payment_sessions.find((s: any) => s.provider_id === "pp_klarna_klarna")
  const { authorization_token } = await emulator.post(
    `/__emulator/sessions/${session.data.klarna_session_id}/authorize`,
    {}
  )
  await store.post(`/store/klarna/payment-sessions/${session.id}/authorization`, { authorization_token })
  const completed = await store.post(`/store/carts/${cart.id}/complete`, {})
  if (completed.type !== "order") throw new Error(`cart did not complete: ${JSON.stringify(completed).slice(0, 500)}`)
  const orderId: string = completed.order.id

  const { order } = await admin.get(
    `/admin/orders/${orderId}?fields=id,items.id,items.quantity,items.variant_sku,payment_collections.payments.data`
  )
  const klarnaOrderId: string = order.payment_collections[0].payments[0].data.order_id
  const jacket = order.items.find((i: any) => i.variant_sku === "JACKET-M")
  const items = [{ id: jacket.id, quantity: 1 }]

  const trackingNumber = "PN-E2E-0001"
  const trackingUrl = `https://tracking.postnord.example/track?id=${trackingNumber}`
  const { order: fulfilled } = await admin.post(`/admin/orders/${orderId}/fulfillments?fields=id,fulfillments.id`, {
    items,
  })
  const fulfillmentId: string = fulfilled.fulfillments[fulfilled.fulfillments.length - 1].id
  await admin.post(`/admin/orders/${orderId}/fulfillments/${fulfillmentId}/shipments`, {
    items,
    labels: [
      { tracking_number: trackingNumber, tracking_url: trackingUrl, label_url: "https://labels.example/e2e.pdf" },
    ],
  })

  // the plugin's shipment.created subscriber captures the shipped part at Klarna
  let capturedBy: ShippedKlarnaOrder["capturedBy"] = "shipment"
  let captures: any[] = await waitFor(
    "the capture of the shipment at Klarna",
    async () => {
      const o = await emulator.get(`/__emulator/orders/${klarnaOrderId}`)
      return o.captures?.length ? o.captures : undefined
    },
    30_000
  ).catch((e) => {
    opts.log(
      `WARNING: capture-on-shipment did not capture (${(e as Error).message}); capturing by hand through the admin route instead`
    )
    return [] as any[]
  })
  if (!captures.length) {
    capturedBy = "manual"
    await admin.post(
      `/admin/klarna/orders/${orderId}/captures`,
      {
        items: [{ line_item_id: jacket.id, quantity: 1 }],
        shipping_info: [
          {
            shipping_company: "PostNord",
            shipping_method: "Home",
            tracking_number: trackingNumber,
            tracking_uri: trackingUrl,
          },
        ],
      },
      { "idempotency-key": `e2e-${orderId}` }
    )
    captures = (await emulator.get(`/__emulator/orders/${klarnaOrderId}`)).captures
  }
  return { orderId, klarnaOrderId, captureId: captures[0].capture_id, trackingNumber, trackingUrl, capturedBy }
}
