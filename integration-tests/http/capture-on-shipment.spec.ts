import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { seedKlarnaStore, type SeededStore } from "../../scripts/seed/seed-store"
import { assertKlarnaArithmetic } from "../../src/lib/order-lines"
import { retryKlarnaCaptures } from "../../src/workflows/capture/retry-captures"
import { extendKlarnaAuthorizationsWorkflow } from "../../src/workflows/authorization/extend-klarna-authorizations"
import klarnaCaptureOnShipment from "../../src/subscribers/klarna-capture-on-shipment"
import { createAdminHeaders } from "../helpers/admin"
import { afterSubscribersOf } from "../helpers/events"
import { emulatorApi } from "../helpers/emulator-api"
import { captureRecords, waitForRecords, warehouse } from "../helpers/fulfillment"
import { useKlarnaTestEnv } from "../helpers/klarna-env"
import { storefront } from "../helpers/storefront"

jest.setTimeout(180_000)

const env = useKlarnaTestEnv()
const emulator = emulatorApi(() => env.emulatorUrl)
const CAPTURES = "/ordermanagement/v1/orders/*/captures"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: { headers: Record<string, string> }
    const shop = storefront(api, () => store)
    const wh = warehouse(api, () => ({ headers: admin.headers }))

    beforeEach(async () => {
      store = await seedKlarnaStore(getContainer(), { providerIds: ["pp_klarna_klarna", "pp_system_default"] })
      admin = await createAdminHeaders(getContainer(), api)
      await emulator.clearFaults()
    })

    const orderView = async (orderId: string) => {
      const { data } = await (getContainer().resolve("query") as any).graph({
        entity: "order",
        fields: [
          "id",
          "total",
          "items.id",
          "items.quantity",
          "items.variant_sku",
          "payment_collections.payments.*",
          "payment_collections.payments.captures.*",
        ],
        filters: { id: orderId },
      })
      const order = data[0]
      const payment = order.payment_collections[0].payments[0]
      const item = (sku: string) => order.items.find((i: any) => i.variant_sku === sku)
      return { order, payment, item }
    }
    const medusaCaptured = (payment: any) => payment.captures.reduce((s: number, c: any) => s + Number(c.amount), 0)

    it("a full shipment is captured once with all lines and the tracking info, and recorded in Medusa", async () => {
      const { order } = await shop.checkout(emulator, [
        { sku: "JACKET-M", quantity: 1 },
        { sku: "STICKER-1", quantity: 2 },
      ])
      const view = await orderView(order.id)
      await wh.fulfillAndShip(
        order.id,
        view.order.items.map((i: any) => ({ id: i.id, quantity: Number(i.quantity) })),
        "PN123"
      )
      const [record] = await waitForRecords(getContainer(), order.id, (r) => r[0]?.status === "succeeded")
      const ko = await emulator.order(view.payment.data.order_id)
      expect(ko.status).toBe("CAPTURED")
      expect(ko.captures).toHaveLength(1)
      const capture = ko.captures[0]
      expect(capture.captured_amount).toBe(ko.order_amount)
      expect(capture.order_lines).toHaveLength(3)
      expect(() => assertKlarnaArithmetic(capture.order_lines, capture.captured_amount)).not.toThrow()
      expect(capture.shipping_info).toEqual([
        {
          shipping_company: "PostNord",
          shipping_method: "Home",
          tracking_number: "PN123",
          tracking_uri: "https://tracking.example/PN123",
        },
      ])
      expect(record.klarna_capture_id).toBe(capture.capture_id)
      const after = await orderView(order.id)
      expect(after.payment.captures).toHaveLength(1)
      expect(after.payment.captured_at).toBeTruthy()
      expect(medusaCaptured(after.payment)).toBeCloseTo(Number(after.order.total), 6)
    })

    it("three partial shipments of a discounted order with odd cents: Σ captures = Klarna amount = Medusa total", async () => {
      const { order } = await shop.checkout(
        emulator,
        [
          { sku: "SCARF-GREY", quantity: 3 },
          { sku: "STICKER-1", quantity: 1 },
        ],
        { promo: true }
      )
      const view = await orderView(order.id)
      expect(Number(view.order.total)).toBeCloseTo(134.833, 3)
      const scarf = view.item("SCARF-GREY")
      const sticker = view.item("STICKER-1")
      await wh.fulfillAndShip(order.id, [{ id: scarf.id, quantity: 1 }], "P1")
      await waitForRecords(getContainer(), order.id, (r) => r.length === 1 && r[0].status === "succeeded")
      await wh.fulfillAndShip(order.id, [{ id: scarf.id, quantity: 2 }], "P2")
      await waitForRecords(getContainer(), order.id, (r) => r.length === 2 && r.every((x) => x.status === "succeeded"))
      await wh.fulfillAndShip(order.id, [{ id: sticker.id, quantity: 1 }], "P3")
      const records = await waitForRecords(
        getContainer(),
        order.id,
        (r) => r.length === 3 && r.every((x) => x.status === "succeeded")
      )

      const ko = await emulator.order(view.payment.data.order_id)
      expect(ko.order_amount).toBe(13483)
      expect(ko.captures).toHaveLength(3)
      for (const c of ko.captures) expect(() => assertKlarnaArithmetic(c.order_lines, c.captured_amount)).not.toThrow()
      expect(ko.captures.reduce((s: number, c: any) => s + c.captured_amount, 0)).toBe(13483)
      expect(ko.captured_amount).toBe(13483)
      expect(ko.status).toBe("CAPTURED")
      expect(ko.captures[0].order_lines.some((l: any) => l.type === "shipping_fee")).toBe(true)
      expect(ko.captures[1].order_lines.some((l: any) => l.type === "shipping_fee")).toBe(false)
      expect(ko.captures.map((c: any) => c.shipping_info[0].tracking_number)).toEqual(["P1", "P2", "P3"])

      const after = await orderView(order.id)
      expect(after.payment.captures).toHaveLength(3)
      expect(medusaCaptured(after.payment)).toBeCloseTo(134.833, 6)
      expect(after.payment.captured_at).toBeTruthy()
      expect(records.map((r) => Number(r.amount)).reduce((a, b) => a + b, 0)).toBe(13483)
    })

    it("Klarna answering 503 three times still ends with exactly one capture", async () => {
      const { order } = await shop.checkout(emulator, [{ sku: "JACKET-M", quantity: 1 }])
      const view = await orderView(order.id)
      await emulator.fault({ method: "POST", path: CAPTURES, status: 503, count: 3 })
      await wh.fulfillAndShip(order.id, [{ id: view.order.items[0].id, quantity: 1 }])
      await waitForRecords(getContainer(), order.id, (r) => r[0]?.status === "succeeded", 30000)
      const posts = (
        await emulator.requests(`/ordermanagement/v1/orders/${view.payment.data.order_id}/captures`)
      ).filter((r) => r.method === "POST")
      expect(posts.length).toBe(4)
      expect(new Set(posts.map((p) => p.headers["klarna-idempotency-key"])).size).toBe(1)
      expect((await emulator.order(view.payment.data.order_id)).captures).toHaveLength(1)
    })

    it("a connection dropped after Klarna captured heals on retry: one capture at Klarna, one in Medusa", async () => {
      const { order } = await shop.checkout(emulator, [{ sku: "JACKET-M", quantity: 1 }])
      const view = await orderView(order.id)
      await emulator.fault({ method: "POST", path: CAPTURES, drop_connection: "after", count: 10 })
      await wh.fulfillAndShip(order.id, [{ id: view.order.items[0].id, quantity: 1 }])
      const [pending] = await waitForRecords(getContainer(), order.id, (r) => r[0]?.attempts >= 1)
      expect(pending.status).toBe("pending")
      expect(pending.klarna_capture_id).toBeNull()
      expect((await emulator.order(view.payment.data.order_id)).captures).toHaveLength(1)
      expect((await orderView(order.id)).payment.captures).toHaveLength(0)

      await emulator.clearFaults()
      await retryKlarnaCaptures(getContainer(), { order_id: order.id })
      const [healed] = await captureRecords(getContainer(), order.id)
      expect(healed.status).toBe("succeeded")
      const ko = await emulator.order(view.payment.data.order_id)
      expect(ko.captures).toHaveLength(1)
      expect(healed.klarna_capture_id).toBe(ko.captures[0].capture_id)
      expect((await orderView(order.id)).payment.captures).toHaveLength(1)
    })

    it("a capture refused because the authorization expired is recorded as failed; the shipment stays", async () => {
      const { order } = await shop.checkout(emulator, [{ sku: "JACKET-M", quantity: 1 }])
      const view = await orderView(order.id)
      await emulator.expire(view.payment.data.order_id)
      await wh.fulfillAndShip(order.id, [{ id: view.order.items[0].id, quantity: 1 }])
      const [record] = await waitForRecords(getContainer(), order.id, (r) => r[0]?.status === "failed")
      expect(record.last_error).toMatchObject({
        status: 403,
        error_code: "CAPTURE_NOT_ALLOWED",
        correlation_id: expect.any(String),
      })
      expect(record.last_error.error_messages.join(" ")).toMatch(/expire/i)
      const { data } = await api.get(`/admin/orders/${order.id}?fields=id,fulfillments.shipped_at`, {
        headers: admin.headers,
      })
      expect(data.order.fulfillments[0].shipped_at).toBeTruthy()
      expect((await orderView(order.id)).payment.captures).toHaveLength(0)
    })

    it("shipment.created delivered twice (even at once) captures once", async () => {
      const { order } = await shop.checkout(emulator, [{ sku: "JACKET-M", quantity: 1 }])
      const view = await orderView(order.id)
      const fulfillmentId = await wh.fulfillAndShip(order.id, [{ id: view.order.items[0].id, quantity: 1 }])
      await waitForRecords(getContainer(), order.id, (r) => r[0]?.status === "succeeded")
      const event = { name: "shipment.created", data: { id: fulfillmentId } } as any
      await Promise.all([
        klarnaCaptureOnShipment({ event, container: getContainer() } as any),
        klarnaCaptureOnShipment({ event, container: getContainer() } as any),
      ])
      expect(await captureRecords(getContainer(), order.id)).toHaveLength(1)
      expect((await emulator.order(view.payment.data.order_id)).captures).toHaveLength(1)
      expect((await orderView(order.id)).payment.captures).toHaveLength(1)
    })

    it("shipping units an admin already captured by hand captures only what is still uncaptured", async () => {
      const { order } = await shop.checkout(emulator, [
        { sku: "SCARF-GREY", quantity: 2 },
        { sku: "STICKER-1", quantity: 1 },
      ])
      const view = await orderView(order.id)
      const scarf = view.item("SCARF-GREY")
      await api.post(
        `/admin/klarna/orders/${order.id}/captures`,
        { items: [{ line_item_id: scarf.id, quantity: 1 }] },
        { headers: admin.headers }
      )
      await wh.fulfillAndShip(order.id, [{ id: scarf.id, quantity: 2 }], "BOTH")
      const records = await waitForRecords(
        getContainer(),
        order.id,
        (r) => r.length === 2 && r.every((x) => x.status === "succeeded")
      )
      expect(records[1].items).toEqual([{ line_item_id: scarf.id, quantity: 1 }])
      await wh.fulfillAndShip(order.id, [{ id: view.item("STICKER-1").id, quantity: 1 }], "LAST")
      await waitForRecords(getContainer(), order.id, (r) => r.length === 3 && r.every((x) => x.status === "succeeded"))
      const ko = await emulator.order(view.payment.data.order_id)
      expect(ko.status).toBe("CAPTURED")
      expect(ko.captures).toHaveLength(3)
      expect(ko.captures.reduce((s: number, c: any) => s + c.captured_amount, 0)).toBe(ko.order_amount)
      expect(medusaCaptured((await orderView(order.id)).payment)).toBeCloseTo(Number(view.order.total), 6)
    })

    it("each shipment costs Klarna two calls (its order, the capture), the last one too", async () => {
      const { order } = await shop.checkout(emulator, [
        { sku: "JACKET-M", quantity: 1 },
        { sku: "STICKER-1", quantity: 2 },
      ])
      const view = await orderView(order.id)
      const om = `/ordermanagement/v1/orders/${view.payment.data.order_id}`
      for (const [i, item] of view.order.items.entries()) {
        await emulator.clearRequests()
        // the subscriber's whole run: the capture and what follows it (the order-change follow-up)
        await afterSubscribersOf(getContainer(), "shipment.created", () =>
          wh.fulfillAndShip(order.id, [{ id: item.id, quantity: Number(item.quantity) }], `P${i}`)
        )
        const calls = (await emulator.requests(om)).map((r: any) => `${r.method} ${r.path.replace(om, "")}`)
        expect(calls).toEqual(["GET ", "POST /captures"])
      }
      const ko = await emulator.order(view.payment.data.order_id)
      expect(ko.status).toBe("CAPTURED")
      expect(ko.captured_amount).toBe(ko.order_amount)
    })

    it("a fulfillment canceled before shipping captures nothing", async () => {
      const { order } = await shop.checkout(emulator, [{ sku: "JACKET-M", quantity: 1 }])
      const view = await orderView(order.id)
      const fulfillmentId = await afterSubscribersOf(getContainer(), "order.fulfillment_created", () =>
        wh.fulfill(order.id, [{ id: view.order.items[0].id, quantity: 1 }])
      )
      await api.post(`/admin/orders/${order.id}/fulfillments/${fulfillmentId}/cancel`, {}, { headers: admin.headers })
      // the sweep derives every capture Medusa's fulfillments call for: none for a canceled one
      await retryKlarnaCaptures(getContainer(), { order_id: order.id })
      expect(await captureRecords(getContainer(), order.id)).toHaveLength(0)
      expect((await emulator.order(view.payment.data.order_id)).captured_amount).toBe(0)
    })

    it("an order whose fraud review is PENDING waits, and is captured once Klarna accepts it", async () => {
      const { order } = await shop.checkout(emulator, [{ sku: "JACKET-M", quantity: 1 }], { fraud_status: "PENDING" })
      const { data } = await (getContainer().resolve("query") as any).graph({
        entity: "order",
        fields: ["id", "items.id", "payment_collections.payment_sessions.data"],
        filters: { id: order.id },
      })
      const klarnaOrderId = data[0].payment_collections[0].payment_sessions[0].data.order_id
      await wh.fulfillAndShip(order.id, [{ id: data[0].items[0].id, quantity: 1 }])
      const [waiting] = await waitForRecords(getContainer(), order.id, (r) => !!r[0]?.last_error)
      expect(waiting.status).toBe("pending")
      expect(waiting.last_error.message).toMatch(/fraud/)
      expect((await emulator.order(klarnaOrderId)).captured_amount).toBe(0)

      await emulator.fraudStatus(klarnaOrderId, "ACCEPTED")
      await retryKlarnaCaptures(getContainer(), { order_id: order.id })
      const [done] = await captureRecords(getContainer(), order.id)
      expect(done.status).toBe("succeeded")
      expect((await emulator.order(klarnaOrderId)).status).toBe("CAPTURED")
      expect((await orderView(order.id)).payment.captures).toHaveLength(1)
    })

    it("leaves an order paid with another provider alone", async () => {
      const cart = await shop.cart([{ sku: "STICKER-1", quantity: 1 }])
      const { data: pc } = await api.post("/store/payment-collections", { cart_id: cart.id }, shop.headers())
      await api.post(
        `/store/payment-collections/${pc.payment_collection.id}/payment-sessions`,
        { provider_id: "pp_system_default" },
        shop.headers()
      )
      const { order } = await shop.complete(cart.id)
      await emulator.clearRequests()
      const { order: full } = await orderView(order.id)
      expect(full.payment_collections[0].payments[0].provider_id).toBe("pp_system_default")
      await afterSubscribersOf(getContainer(), "shipment.created", () =>
        wh.fulfillAndShip(
          order.id,
          full.items.map((i: any) => ({ id: i.id, quantity: Number(i.quantity) }))
        )
      )
      await retryKlarnaCaptures(getContainer(), { order_id: order.id })
      expect(await captureRecords(getContainer(), order.id)).toHaveLength(0)
      expect(await emulator.requests()).toHaveLength(0)
    })

    it("Medusa's own admin Capture button keeps both ledgers equal", async () => {
      const { order } = await shop.checkout(
        emulator,
        [
          { sku: "SCARF-GREY", quantity: 3 },
          { sku: "STICKER-1", quantity: 1 },
        ],
        { promo: true }
      )
      const view = await orderView(order.id)
      await api.post(`/admin/payments/${view.payment.id}/capture`, { amount: 50 }, { headers: admin.headers })
      let ko = await emulator.order(view.payment.data.order_id)
      expect(ko.captured_amount).toBe(5000)
      // what an admin types for "the rest": Medusa's total carries a fraction of an öre (134.833)
      await api.post(`/admin/payments/${view.payment.id}/capture`, { amount: 84.83 }, { headers: admin.headers })
      ko = await emulator.order(view.payment.data.order_id)
      const after = await orderView(order.id)
      expect(ko.captured_amount).toBe(ko.order_amount)
      expect(after.payment.captured_at).toBeTruthy()
      expect(Math.round(medusaCaptured(after.payment) * 100)).toBe(ko.captured_amount)
    })

    it("extends the authorization of an order with unshipped items when expiry is near, and records it", async () => {
      const { order } = await shop.checkout(emulator, [{ sku: "JACKET-M", quantity: 1 }])
      const view = await orderView(order.id)
      const orderId = view.payment.data.order_id
      await emulator.expire(orderId, { in_days: 1 })
      const near = (await emulator.order(orderId)).expires_at
      await getContainer()
        .resolve(Modules.PAYMENT)
        .updatePayment({ id: view.payment.id, data: { ...view.payment.data, expires_at: near } } as any)
      const { result } = await extendKlarnaAuthorizationsWorkflow(getContainer()).run({ input: {} })
      const mine = result.find((r: any) => r.klarna_order_id === orderId)
      expect(mine).toBeDefined()
      expect(mine!.error).toBeUndefined()
      const ko = await emulator.order(orderId)
      expect(new Date(ko.expires_at).getTime()).toBeGreaterThan(new Date(near).getTime() + 20 * 86400_000)
      expect((await orderView(order.id)).payment.data.expires_at).toBe(ko.expires_at)
      const actions = await getContainer().resolve<any>("klarna").listKlarnaActions({ order_id: order.id })
      expect(actions).toEqual([
        expect.objectContaining({
          action: "extend_authorization_time",
          actor_id: "system",
          outcome: "succeeded",
          details: { payment_id: view.payment.id, klarna_order_id: orderId, from: near, to: ko.expires_at },
        }),
      ])
      // far from expiry: nothing to do
      const again = await extendKlarnaAuthorizationsWorkflow(getContainer()).run({ input: {} })
      expect(again.result.find((r: any) => r.klarna_order_id === orderId)).toBeUndefined()
    })
  },
})
