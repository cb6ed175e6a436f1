import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createShippingOptionsWorkflow } from "@medusajs/medusa/core-flows"
import { seedKlarnaStore, type SeededStore } from "../../scripts/seed/seed-store"
import { assertKlarnaArithmetic } from "../../src/lib/order-lines"
import { emulatorApi } from "../helpers/emulator-api"
import { KLARNA_TEST_PASSWORD, KLARNA_TEST_USERNAME, useKlarnaTestEnv } from "../helpers/klarna-env"
import { storefront } from "../helpers/storefront"

jest.setTimeout(120_000)

const env = useKlarnaTestEnv()
const emulator = emulatorApi(() => env.emulatorUrl)

/** The KP session as the merchant would change it (here: to stop Klarna's authorization callback). */
async function updateKpSession(sessionId: string, body: Record<string, unknown>) {
  const auth = Buffer.from(`${KLARNA_TEST_USERNAME}:${KLARNA_TEST_PASSWORD}`).toString("base64")
  const res = await fetch(`${env.emulatorUrl}/payments/v1/sessions/${sessionId}`, {
    method: "POST",
    headers: { authorization: `Basic ${auth}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  })
  if (res.status !== 204) throw new Error(`KP session update: ${res.status} ${await res.text()}`)
}

const shippingLine = (lines: any[]) => lines.find((l) => l.type === "shipping_fee")

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let servicePoint: string
    const shop = storefront(api, () => store)

    beforeEach(async () => {
      store = await seedKlarnaStore(getContainer())
      // a second shipping option at the same price: switching to it changes a line, not the total
      const query: any = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "shipping_option",
        fields: ["service_zone_id", "shipping_profile_id"],
        filters: { id: store.shipping_option_id },
      })
      const { result } = await createShippingOptionsWorkflow(getContainer()).run({
        input: [
          {
            name: "PostNord Service Point",
            price_type: "flat",
            provider_id: "manual_manual",
            service_zone_id: data[0].service_zone_id,
            shipping_profile_id: data[0].shipping_profile_id,
            type: { label: "Service point", description: "Pick up at a service point", code: "service-point" },
            prices: [
              { currency_code: "sek", amount: 49 },
              { region_id: store.region_id, amount: 49 },
            ],
            rules: [
              { attribute: "enabled_in_store", value: "true", operator: "eq" },
              { attribute: "is_return", value: "false", operator: "eq" },
            ],
          } as any,
        ],
      })
      servicePoint = result[0].id
    })

    const switchShipping = (cartId: string) =>
      api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: servicePoint }, shop.headers())

    const klarnaOrderOf = async (orderId: string) => {
      const query: any = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "order",
        fields: ["id", "total", "shipping_methods.name", "payment_collections.payments.data"],
        filters: { id: orderId },
      })
      return { order: data[0], klarna: await emulator.order(data[0].payment_collections[0].payments[0].data.order_id) }
    }

    it("a cart edited to the same total after the session was created: the KP session gets the new lines, so does the order", async () => {
      const cart = await shop.cart([
        { sku: "SCARF-GREY", quantity: 2 },
        { sku: "STICKER-1", quantity: 1 },
      ])
      const { session } = await shop.klarnaSession(cart.id)
      const kpId = session.data.klarna_session_id
      expect(shippingLine((await emulator.session(kpId)).order_lines).name).toBe("PostNord Home")
      await emulator.clearRequests()

      const { data: switched } = await switchShipping(cart.id)
      expect(switched.cart.total).toBe(cart.total)

      // the payment session survived (same total) and Klarna was told about the new lines at once
      const { data: pc } = await api.get(
        `/store/carts/${cart.id}?fields=payment_collection.payment_sessions.id`,
        shop.headers()
      )
      expect(pc.cart.payment_collection.payment_sessions.map((s: any) => s.id)).toEqual([session.id])
      const updates = (await emulator.requests(`/payments/v1/sessions/${kpId}`)).filter((r) => r.method === "POST")
      expect(updates).toHaveLength(1)
      expect(updates[0].status).toBe(204)
      const kp = await emulator.session(kpId)
      expect(shippingLine(kp.order_lines).name).toBe("PostNord Service Point")
      expect(kp.order_amount).toBe(Math.round(Number(cart.total) * 100))

      const auth = await emulator.authorize(kpId)
      await shop.submitToken(session.id, auth.authorization_token)
      const result = await shop.complete(cart.id)
      expect(result.type).toBe("order")
      const { order, klarna } = await klarnaOrderOf(result.order.id)
      expect(order.shipping_methods.map((m: any) => m.name)).toEqual(["PostNord Service Point"])
      expect(klarna.order_lines).toEqual(kp.order_lines)
      expect(() =>
        assertKlarnaArithmetic(klarna.order_lines, klarna.order_amount, klarna.order_tax_amount)
      ).not.toThrow()
    })

    it("a cart change that leaves the lines as they are does not call Klarna", async () => {
      const cart = await shop.cart([{ sku: "JACKET-M", quantity: 1 }])
      const { session } = await shop.klarnaSession(cart.id)
      await emulator.clearRequests()
      await api.post(`/store/carts/${cart.id}`, { email: "alva@example.com" }, shop.headers())
      const writes = (await emulator.requests(`/payments/v1/sessions/${session.data.klarna_session_id}`)).filter(
        (r) => r.method === "POST"
      )
      expect(writes).toEqual([])
    })

    it("changed after the shopper authorized (no callback came): the old authorization is cancelled, completion asks to authorize again", async () => {
      const cart = await shop.cart([{ sku: "SCARF-GREY", quantity: 1 }])
      const { session } = await shop.klarnaSession(cart.id)
      const kpId = session.data.klarna_session_id
      await updateKpSession(kpId, { merchant_urls: { authorization: "http://127.0.0.1:9/unreachable" } })
      const first = await emulator.authorize(kpId)
      await shop.submitToken(session.id, first.authorization_token)
      await emulator.clearRequests()

      await switchShipping(cart.id)
      const calls = (await emulator.requests("/payments/v1/")).map((r) => `${r.method} ${r.path} ${r.status}`)
      expect(calls).toEqual([
        `DELETE /payments/v1/authorizations/${first.authorization_token} 204`,
        `POST /payments/v1/sessions/${kpId} 204`,
      ])

      const refused = await api
        .post(`/store/carts/${cart.id}/complete`, {}, shop.headers())
        .catch((e: any) => e.response)
      expect(refused.status).toBe(400)
      expect(refused.data.message).toContain("authorize again")
      const query: any = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: links } = await query.graph({
        entity: "order_cart",
        fields: ["order_id"],
        filters: { cart_id: cart.id },
      })
      expect(links).toEqual([])

      const second = await emulator.authorize(kpId)
      await shop.submitToken(session.id, second.authorization_token)
      const result = await shop.complete(cart.id)
      expect(result.type).toBe("order")
      const { klarna } = await klarnaOrderOf(result.order.id)
      expect(shippingLine(klarna.order_lines).name).toBe("PostNord Service Point")
      expect(klarna.order_lines).toEqual((await emulator.session(kpId)).order_lines)
    })

    it("a change of the total still makes Medusa drop the session: the new one carries the new lines", async () => {
      const cart = await shop.cart([{ sku: "SCARF-GREY", quantity: 1 }])
      const { session } = await shop.klarnaSession(cart.id)
      const { data: line } = await api.get(`/store/carts/${cart.id}`, shop.headers())
      await api.post(`/store/carts/${cart.id}/line-items/${line.cart.items[0].id}`, { quantity: 3 }, shop.headers())
      const { session: fresh } = await shop.klarnaSession(cart.id)
      expect(fresh.id).not.toBe(session.id)
      const kp = await emulator.session(fresh.data.klarna_session_id)
      expect(kp.order_lines.find((l: any) => l.reference === "SCARF-GREY").quantity).toBe(3)
    })
  },
})
