import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { seedKlarnaStore, type SeededStore } from "../../scripts/seed/seed-store"
import { emulatorApi } from "../helpers/emulator-api"
import { useKlarnaTestEnv } from "../helpers/klarna-env"
import { storefront } from "../helpers/storefront"
import { assertKlarnaArithmetic } from "../../src/lib/order-lines"

jest.setTimeout(120_000)

const env = useKlarnaTestEnv()
const emulator = emulatorApi(() => env.emulatorUrl)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    const shop = storefront(api, () => store)

    beforeEach(async () => {
      store = await seedKlarnaStore(getContainer())
    })

    const paymentOf = async (orderId: string) => {
      const query: any = getContainer().resolve("query")
      const { data } = await query.graph({
        entity: "order",
        fields: ["id", "total", "payment_collections.payments.*", "payment_collections.payment_sessions.*"],
        filters: { id: orderId },
      })
      return data[0].payment_collections[0]
    }

    it("places an order paid with Klarna: session lines equal the cart, token, order with the same amount", async () => {
      const cart = await shop.cart(
        [
          { sku: "SCARF-GREY", quantity: 3 },
          { sku: "STICKER-1", quantity: 1 },
          { sku: "JACKET-M", quantity: 1 },
        ],
        { promo: true }
      )
      const { session } = await shop.klarnaSession(cart.id)
      expect(session.data.client_token).toEqual(expect.any(String))
      const kp = await emulator.session(session.data.klarna_session_id)
      expect(kp.order_amount).toBe(Math.round(Number(cart.total) * 100))
      expect(kp.order_lines).toHaveLength(4) // 3 items + shipping
      expect(() => assertKlarnaArithmetic(kp.order_lines, kp.order_amount, kp.order_tax_amount)).not.toThrow()
      expect(kp.order_lines.map((l: any) => l.reference).sort()).toEqual(
        expect.arrayContaining(["SCARF-GREY", "STICKER-1", "JACKET-M"])
      )

      const auth = await emulator.authorize(session.data.klarna_session_id)
      await shop.submitToken(session.id, auth.authorization_token)
      const result = await shop.complete(cart.id)
      expect(result.type).toBe("order")

      const pc = await paymentOf(result.order.id)
      const payment = pc.payments[0]
      expect(payment.provider_id).toBe("pp_klarna_klarna")
      const klarnaOrder = await emulator.order(payment.data.order_id)
      expect(klarnaOrder.order_amount).toBe(kp.order_amount)
      expect(klarnaOrder.status).toBe("AUTHORIZED")
      expect(payment.data).toMatchObject({
        fraud_status: "ACCEPTED",
        klarna_reference: expect.any(String),
        expires_at: expect.any(String),
      })
    })

    it("rounds a 15 % promotion in a 25 %-VAT SEK store once: Klarna order = rounded Medusa total", async () => {
      const cart = await shop.cart(
        [
          { sku: "SCARF-GREY", quantity: 3 },
          { sku: "STICKER-1", quantity: 1 },
        ],
        { promo: true }
      )
      expect(Number(cart.total)).toBeCloseTo(134.833, 3)
      const { session } = await shop.klarnaSession(cart.id)
      const auth = await emulator.authorize(session.data.klarna_session_id)
      await shop.submitToken(session.id, auth.authorization_token)
      const result = await shop.complete(cart.id)
      const pc = await paymentOf(result.order.id)
      const klarnaOrder = await emulator.order(pc.payments[0].data.order_id)
      expect(klarnaOrder.order_amount).toBe(13483)
      expect(() => assertKlarnaArithmetic(klarnaOrder.order_lines, klarnaOrder.order_amount)).not.toThrow()
    })

    it("Klarna's authorization callback alone places the order when the shopper's browser never comes back", async () => {
      const cart = await shop.cart([{ sku: "JACKET-M", quantity: 1 }])
      const { session } = await shop.klarnaSession(cart.id)
      const kp = await emulator.session(session.data.klarna_session_id)
      // no secret in the URL (Medusa logs every URL): the callback is verified by asking Klarna
      expect(kp.merchant_urls.authorization).toBe(`${env.medusaUrl}/klarna/callbacks/authorization/${session.id}`)
      await emulator.authorize(session.data.klarna_session_id) // Klarna calls merchant_urls.authorization
      const query: any = getContainer().resolve("query")
      // the callback places the order (Medusa sets the cart's completed_at last)
      const completedAt = async () =>
        (await query.graph({ entity: "cart", fields: ["completed_at"], filters: { id: cart.id } })).data[0]
          ?.completed_at
      for (const until = Date.now() + 30_000; !(await completedAt()) && Date.now() < until;) {
        await new Promise((r) => setTimeout(r, 200))
      }
      const { data } = await query.graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cart.id } })
      expect(data).toHaveLength(1)
      const pc = await paymentOf(data[0].order_id)
      expect(pc.payments[0].data.order_id).toEqual(expect.any(String))
    })

    it("refuses a forged authorization callback: another KP session id, or a token Klarna does not show on the session", async () => {
      const cart = await shop.cart([{ sku: "JACKET-M", quantity: 1 }])
      const { session } = await shop.klarnaSession(cart.id)
      const kpSessionId = session.data.klarna_session_id
      const post = (body: unknown) =>
        api.post(`/klarna/callbacks/authorization/${session.id}`, body).catch((e: any) => e.response)
      const otherSession = await post({
        authorization_token: "abc",
        session_id: "0b1d9815-165e-42e2-8867-35bc03789e00",
      })
      expect(otherSession.status).toBe(404)
      const forged = await post({ authorization_token: "made-up-token", session_id: kpSessionId })
      expect(forged.status).toBe(400)
      expect(forged.data.message).toMatch(/does not belong/)
      const query: any = getContainer().resolve("query")
      const { data } = await query.graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cart.id } })
      expect(data).toHaveLength(0)
    })

    it("answers honestly for an already authorized session: the same token is a resend, another is a 409", async () => {
      const { session } = await shop.checkout(emulator, [{ sku: "STICKER-1", quantity: 1 }])
      const token = (await getContainer().resolve(Modules.PAYMENT).retrievePaymentSession(session.id)).data!
        .authorization_token as string
      await emulator.clearRequests()
      const again = await shop.submitToken(session.id, token)
      expect(again.status).toBe(200)
      expect(again.data).toEqual({
        payment_session: { id: session.id, status: "authorized" },
        already_authorized: true,
      })
      const other = await shop.submitToken(session.id, "forged-token-1234").catch((e: any) => e.response)
      expect(other.status).toBe(409)
      expect(other.data.message).toMatch(/already authorized with another authorization token; this token was not used/)
      expect(await emulator.requests()).toHaveLength(0)
    })

    it("rejects a malformed authorization token with 400 before anything reaches Klarna", async () => {
      const cart = await shop.cart([{ sku: "STICKER-1", quantity: 1 }])
      const { session } = await shop.klarnaSession(cart.id)
      await emulator.clearRequests()
      for (const bad of [undefined, "", 42, "has spaces", "x".repeat(600)]) {
        const res = await shop.submitToken(session.id, bad).catch((e: any) => e.response)
        expect(res.status).toBe(400)
        expect(JSON.stringify(res.data)).toContain("authorization_token")
      }
      const extra = await api
        .post(
          `/store/klarna/payment-sessions/${session.id}/authorization`,
          { authorization_token: "abc", order_id: "x" },
          shop.headers()
        )
        .catch((e: any) => e.response)
      expect(extra.status).toBe(400)
      expect(await emulator.requests()).toHaveLength(0)
    })

    it("refuses a token from another cart's Klarna session", async () => {
      const cartA = await shop.cart([{ sku: "STICKER-1", quantity: 1 }])
      const cartB = await shop.cart([{ sku: "JACKET-M", quantity: 1 }])
      const { session: a } = await shop.klarnaSession(cartA.id)
      const { session: b } = await shop.klarnaSession(cartB.id)
      const authB = await emulator.authorize(b.data.klarna_session_id)
      const res = await shop.submitToken(a.id, authB.authorization_token).catch((e: any) => e.response)
      expect(res.status).toBeGreaterThanOrEqual(400)
      const done = await shop.complete(cartA.id).catch((e: any) => e.response)
      expect(done.type ?? done.data?.type).not.toBe("order")
    })

    it("ignores session data forged by the browser", async () => {
      const victim = await shop.checkout(emulator, [{ sku: "JACKET-M", quantity: 1 }])
      const victimPayment = (await paymentOf(victim.order.id)).payments[0]
      const cart = await shop.cart([{ sku: "JACKET-M", quantity: 1 }])
      const { session } = await shop.klarnaSession(cart.id, {
        order_id: victimPayment.data.order_id,
        authorization_token: "made-up-token",
        status: "authorized",
        klarna_cart: { order_amount: 1, order_lines: [] },
      })
      expect(session.data.order_id).toBeUndefined()
      expect(session.data.authorization_token).toBeUndefined()
      expect(session.data.klarna_cart.order_amount).toBe(129900 + 4900)
      const done = await shop.complete(cart.id).catch((e: any) => e.response)
      expect(done.type ?? done.data?.type).not.toBe("order")
    })

    it("a declined shopper leaves the cart uncompleted", async () => {
      const cart = await shop.cart([{ sku: "STICKER-1", quantity: 2 }])
      const { session } = await shop.klarnaSession(cart.id)
      const auth = await emulator.authorize(session.data.klarna_session_id, { approve: false })
      expect(auth.authorization_token).toBeUndefined()
      const done = await shop.complete(cart.id).catch((e: any) => e.response)
      expect(done.type ?? done.data?.type).not.toBe("order")
    })

    it("fraud PENDING places the order pending; the notification settles it from Klarna's state", async () => {
      const { order } = await shop.checkout(emulator, [{ sku: "JACKET-M", quantity: 1 }], { fraud_status: "PENDING" })
      expect(order).toBeDefined()
      let pc = await paymentOf(order.id)
      expect(pc.payments).toHaveLength(0)
      expect(pc.payment_sessions[0].status).toBe("pending_authorization")
      const orderId = pc.payment_sessions[0].data.order_id
      const res = await emulator.fraudStatus(orderId, "ACCEPTED")
      expect(res.status).toBe(200)
      pc = await paymentOf(order.id)
      expect(pc.payments).toHaveLength(1)
      expect(pc.payments[0].data.fraud_status).toBe("ACCEPTED")
    })

    it("fraud REJECTED via notification marks the session failed, creates no payment and cancels the order", async () => {
      const { order } = await shop.checkout(emulator, [{ sku: "STICKER-1", quantity: 1 }], { fraud_status: "PENDING" })
      const orderId = (await paymentOf(order.id)).payment_sessions[0].data.order_id
      await emulator.fraudStatus(orderId, "REJECTED")
      const pc = await paymentOf(order.id)
      expect(pc.payments).toHaveLength(0)
      expect(pc.payment_sessions[0].status).toBe("error")
      const query: any = getContainer().resolve("query")
      const { data } = await query.graph({ entity: "order", fields: ["id", "status"], filters: { id: order.id } })
      expect(data[0].status).toBe("canceled")
    })

    it("refunds twice the same amount; canceling a placed order's payment leaves its Klarna order to the order", async () => {
      const container = getContainer()
      const payment = container.resolve(Modules.PAYMENT)
      const a = await shop.checkout(emulator, [{ sku: "JACKET-M", quantity: 1 }])
      const pa = (await paymentOf(a.order.id)).payments[0]
      await payment.capturePayment({ payment_id: pa.id, amount: 500 })
      await payment.refundPayment({ payment_id: pa.id, amount: 100 })
      await payment.refundPayment({ payment_id: pa.id, amount: 100 })
      let ko = await emulator.order(pa.data.order_id)
      expect(ko.captured_amount).toBe(50000)
      expect(ko.refunded_amount).toBe(20000)
      const remaining = ko.remaining_authorized_amount
      expect(remaining).toBeGreaterThan(0)
      // Medusa cancels a placed order's payment when an order change swaps its collection: the
      // authorization stays for what is left to ship (the order's own cancel settles it at Klarna)
      await payment.cancelPayment(pa.id)
      ko = await emulator.order(pa.data.order_id)
      expect(ko.status).toBe("PART_CAPTURED")
      expect(ko.remaining_authorized_amount).toBe(remaining)
      expect(ko.captured_amount).toBe(50000)

      const b = await shop.checkout(emulator, [{ sku: "STICKER-1", quantity: 1 }])
      const pb = (await paymentOf(b.order.id)).payments[0]
      await payment.cancelPayment(pb.id)
      expect((await emulator.order(pb.data.order_id)).status).toBe("AUTHORIZED")
      const cancels = await emulator.requests(`/ordermanagement/v1/orders/${pb.data.order_id}/cancel`)
      expect(cancels.filter((r: any) => r.method === "POST")).toHaveLength(0)
    })
  },
})
