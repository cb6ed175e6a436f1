import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { seedKlarnaStore, type SeededStore } from "../../scripts/seed/seed-store"
import { KlarnaProviderService } from "../../src/providers/klarna/service"
import { getKlarnaProvider } from "../../src/utils/klarna-provider-lookup"
import { retryKlarnaCaptures } from "../../src/workflows/capture/retry-captures"
import { createAdminHeaders } from "../helpers/admin"
import { emulatorApi } from "../helpers/emulator-api"
import { captureRecords, waitForRecords, warehouse } from "../helpers/fulfillment"
import { KLARNA_TEST_PASSWORD, KLARNA_TEST_USERNAME, useKlarnaTestEnv } from "../helpers/klarna-env"
import { storefront } from "../helpers/storefront"

jest.setTimeout(240_000)

const env = useKlarnaTestEnv({ KLARNA_CAPTURE_LEASE_MS: "3000" })
const emulator = emulatorApi(() => env.emulatorUrl)
const ORDER = "/ordermanagement/v1/orders/*"
const CAPTURES = "/ordermanagement/v1/orders/*/captures"

/** What a merchant does in Klarna's portal: straight at Klarna's API, bypassing the store. */
const merchantPortal = (action: "cancel" | "release-remaining-authorization", orderId: string) =>
  fetch(`${env.emulatorUrl}/ordermanagement/v1/orders/${orderId}/${action}`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${KLARNA_TEST_USERNAME}:${KLARNA_TEST_PASSWORD}`).toString("base64")}`,
    },
  }).then((r) => expect(r.status).toBeLessThan(300))

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

    const placed = async (items: { sku: string; quantity: number }[]) => {
      const { order } = await shop.checkout(emulator, items)
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
        filters: { id: order.id },
      })
      const full = data[0]
      const payment = full.payment_collections[0].payments[0]
      return {
        order: full,
        payment,
        klarnaOrderId: payment.data.order_id as string,
        item: (sku: string) => full.items.find((i: any) => i.variant_sku === sku),
      }
    }
    const medusaCaptures = async (paymentId: string) =>
      (
        (await getContainer()
          .resolve(Modules.PAYMENT)
          .retrievePayment(paymentId, { relations: ["captures"] })) as any
      ).captures
    const retryRoute = (orderId: string) =>
      api.post(`/admin/klarna/orders/${orderId}/retry-captures`, {}, { headers: admin.headers })

    it("the provider adapter reaches the registered Klarna provider instance (a Medusa upgrade moving it fails here)", () => {
      const provider = getKlarnaProvider(getContainer(), "pp_klarna_klarna")
      expect(provider).toBeInstanceOf(KlarnaProviderService)
      expect(provider.klarnaClient().baseUrl).toBe(env.emulatorUrl)
      expect(() => getKlarnaProvider(getContainer(), "pp_klarna_unknown")).toThrow(/not registered/)
    })

    it("Klarna down for longer than the client's retries at shipment: a visible pending record, captured once Klarna is back", async () => {
      const o = await placed([{ sku: "JACKET-M", quantity: 1 }])
      await emulator.fault({ path: ORDER, status: 503, persistent: true })
      await emulator.fault({ path: CAPTURES, status: 503, persistent: true })
      await wh.fulfillAndShip(o.order.id, [{ id: o.order.items[0].id, quantity: 1 }])
      const [pending] = await waitForRecords(getContainer(), o.order.id, (r) => !!r[0]?.last_error)
      expect(pending).toMatchObject({ status: "pending", last_error: expect.objectContaining({ status: 503 }) })

      await emulator.clearFaults()
      const { data } = await retryRoute(o.order.id)
      expect(data.capture_records).toEqual([expect.objectContaining({ id: pending.id, status: "succeeded" })])
      expect((await emulator.order(o.klarnaOrderId)).captures).toHaveLength(1)
      expect(await medusaCaptures(o.payment.id)).toHaveLength(1)
    })

    it("the sweep: a shipped fulfillment whose event never arrived gets its record and is captured", async () => {
      const o = await placed([{ sku: "JACKET-M", quantity: 1 }])
      // fulfilled through the admin API (no capture: this store captures on shipment), then marked
      // shipped behind Medusa's workflows, so no shipment.created is ever emitted
      const fulfillmentId = await wh.fulfill(o.order.id, [{ id: o.order.items[0].id, quantity: 1 }])
      await getContainer().resolve(Modules.FULFILLMENT).updateFulfillment(fulfillmentId, { shipped_at: new Date() })
      expect(await captureRecords(getContainer(), o.order.id)).toHaveLength(0)

      await retryKlarnaCaptures(getContainer(), {})
      const [record] = await captureRecords(getContainer(), o.order.id)
      expect(record).toMatchObject({ fulfillment_id: fulfillmentId, status: "succeeded" })
      const ko = await emulator.order(o.klarnaOrderId)
      expect(ko.captures).toHaveLength(1)
      expect(ko.status).toBe("CAPTURED")
      expect(await medusaCaptures(o.payment.id)).toHaveLength(1)
      // swept again: nothing more
      await retryKlarnaCaptures(getContainer(), {})
      expect(await captureRecords(getContainer(), o.order.id)).toHaveLength(1)
      expect((await emulator.order(o.klarnaOrderId)).captures).toHaveLength(1)
    })

    it.each(["cancel", "release-remaining-authorization"] as const)(
      "nothing left at Klarna (%s in the merchant portal), then shipped: a failed record naming Klarna's state, never a silent 0",
      async (action) => {
        const o = await placed([{ sku: "SCARF-GREY", quantity: 2 }])
        if (action === "release-remaining-authorization") {
          await wh.fulfillAndShip(o.order.id, [{ id: o.item("SCARF-GREY").id, quantity: 1 }])
          await waitForRecords(getContainer(), o.order.id, (r) => r[0]?.status === "succeeded")
        }
        await merchantPortal(action, o.klarnaOrderId)
        await wh.fulfillAndShip(o.order.id, [{ id: o.item("SCARF-GREY").id, quantity: 1 }])
        const records = await waitForRecords(getContainer(), o.order.id, (r) => r.some((x) => x.status === "failed"))
        const failed = records.find((x) => x.status === "failed")
        expect(Number(failed.amount)).toBeGreaterThan(0)
        expect(failed.last_error).toMatchObject({
          reason: "klarna_order_state",
          klarna_status: action === "cancel" ? "CANCELLED" : "CAPTURED",
          message: expect.stringMatching(action === "cancel" ? /CANCELLED/ : /released/),
        })
        const { data } = await api.get(`/admin/klarna/orders/${o.order.id}`, { headers: admin.headers })
        expect(data.capture_records.find((r: any) => r.id === failed.id).last_error.message).toBe(
          failed.last_error.message
        )
        expect(await medusaCaptures(o.payment.id)).toHaveLength(action === "cancel" ? 0 : 1)
      }
    )

    it("shipments back to back while Klarna is slow: none waits on a lock, all are captured in order", async () => {
      const o = await placed([{ sku: "SCARF-GREY", quantity: 3 }])
      await emulator.fault({ method: "POST", path: CAPTURES, delay_ms: 1500, persistent: true })
      for (const n of [1, 2, 3])
        await wh.fulfillAndShip(o.order.id, [{ id: o.item("SCARF-GREY").id, quantity: 1 }], `SLOW-${n}`)
      const records = await waitForRecords(
        getContainer(),
        o.order.id,
        (r) => r.length === 3 && r.every((x) => x.status === "succeeded"),
        60_000
      )
      const ko = await emulator.order(o.klarnaOrderId)
      expect(ko.captures.map((c: any) => c.shipping_info[0].tracking_number)).toEqual(["SLOW-1", "SLOW-2", "SLOW-3"])
      expect(ko.captured_amount).toBe(ko.order_amount)
      expect(records.map((r) => r.klarna_capture_id)).toEqual(ko.captures.map((c: any) => c.capture_id))
    })

    it("ten parallel admin retries of a capture whose outcome was lost: one capture at Klarna, one in Medusa", async () => {
      const o = await placed([{ sku: "JACKET-M", quantity: 1 }])
      await emulator.fault({ method: "POST", path: CAPTURES, drop_connection: "after", persistent: true })
      await wh.fulfillAndShip(o.order.id, [{ id: o.order.items[0].id, quantity: 1 }])
      await waitForRecords(getContainer(), o.order.id, (r) => r[0]?.attempts >= 1 && !!r[0]?.last_error)
      await emulator.clearFaults()
      const answers = await Promise.all(Array.from({ length: 10 }, () => retryRoute(o.order.id)))
      expect(answers.every((a) => a.status === 200)).toBe(true)
      const [record] = await captureRecords(getContainer(), o.order.id)
      expect(record.status).toBe("succeeded")
      expect((await emulator.order(o.klarnaOrderId)).captures).toHaveLength(1)
      expect(await medusaCaptures(o.payment.id)).toHaveLength(1)
      const posts = (await emulator.requests(`/ordermanagement/v1/orders/${o.klarnaOrderId}/captures`)).filter(
        (r) => r.method === "POST"
      )
      expect(new Set(posts.map((p) => p.headers["klarna-idempotency-key"])).size).toBe(1)
    })

    it("Klarna's fraud decision arriving after the shipment starts the waiting capture at once", async () => {
      const { order } = await shop.checkout(emulator, [{ sku: "JACKET-M", quantity: 1 }], { fraud_status: "PENDING" })
      const { data } = await (getContainer().resolve("query") as any).graph({
        entity: "order",
        fields: ["id", "items.id", "payment_collections.payment_sessions.data"],
        filters: { id: order.id },
      })
      const klarnaOrderId = data[0].payment_collections[0].payment_sessions[0].data.order_id
      await wh.fulfillAndShip(order.id, [{ id: data[0].items[0].id, quantity: 1 }])
      await waitForRecords(getContainer(), order.id, (r) => r[0]?.last_error?.reason === "fraud_review")
      await emulator.fraudStatus(klarnaOrderId, "ACCEPTED")
      await waitForRecords(getContainer(), order.id, (r) => r[0]?.status === "succeeded", 30_000)
      expect((await emulator.order(klarnaOrderId)).status).toBe("CAPTURED")
    })

    it("a manual capture is checked against Medusa's data before Klarna is called", async () => {
      const o = await placed([{ sku: "JACKET-M", quantity: 1 }])
      await emulator.clearRequests()
      const bad = [
        { items: [{ line_item_id: "ordli_not_in_this_order", quantity: 1 }] },
        { items: [{ line_item_id: o.order.items[0].id, quantity: 2 }] },
        { amount: 0.004 },
      ]
      for (const body of bad) {
        const res = await api
          .post(`/admin/klarna/orders/${o.order.id}/captures`, body, { headers: admin.headers })
          .catch((e: any) => e.response)
        expect(res.status).toBe(400)
      }
      const res = await api
        .post(`/admin/klarna/orders/${o.order.id}/captures`, { amount: 0.004 }, { headers: admin.headers })
        .catch((e: any) => e.response)
      expect(res.data.message).toMatch(/rounds to 0/)
      expect(await emulator.requests()).toHaveLength(0)
      expect(await captureRecords(getContainer(), o.order.id)).toHaveLength(0)
    })
  },
})
