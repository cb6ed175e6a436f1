import { randomUUID } from "node:crypto"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { seedKlarnaStore, type SeededStore } from "../../scripts/seed/seed-store"
import { assertKlarnaArithmetic } from "../../src/lib/order-lines"
import { extendKlarnaAuthorizationsWorkflow } from "../../src/workflows/authorization/extend-klarna-authorizations"
import { retryKlarnaOrderOperations } from "../../src/workflows/klarna-order-cancel/retry-klarna-order-operations"
import { createAdminHeaders } from "../helpers/admin"
import { emulatorApi } from "../helpers/emulator-api"
import { waitForRecords, warehouse } from "../helpers/fulfillment"
import { KLARNA_TEST_PASSWORD, KLARNA_TEST_USERNAME, useKlarnaTestEnv } from "../helpers/klarna-env"
import { storefront } from "../helpers/storefront"

jest.setTimeout(240_000)

/** Klarna's merchant API, as the merchant's own tools (or Klarna's portal) reach it, with the store's credentials */
async function klarnaApi(emulatorUrl: string, method: string, path: string, body: unknown) {
  const res = await fetch(`${emulatorUrl}${path}`, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`${KLARNA_TEST_USERNAME}:${KLARNA_TEST_PASSWORD}`).toString("base64")}`,
      "content-type": "application/json",
      "klarna-idempotency-key": randomUUID(),
    },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`)
}

// The edges of an order's life at Klarna, each driven through Medusa's own admin API
const env = useKlarnaTestEnv()
const emulator = emulatorApi(() => env.emulatorUrl)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: { headers: Record<string, string> }
    const shop = storefront(api, () => store)
    const wh = warehouse(api, () => ({ headers: admin.headers }))
    const asAdmin = () => ({ headers: admin.headers })

    const explain = (e: any) => {
      throw new Error(`${e?.response?.status} ${JSON.stringify(e?.response?.data)} ${e?.config?.url}`)
    }

    beforeEach(async () => {
      store = await seedKlarnaStore(getContainer())
      admin = await createAdminHeaders(getContainer(), api)
      await emulator.clearFaults()
    })

    const orderView = async (orderId: string) => {
      const { data } = await (getContainer().resolve("query") as any).graph({
        entity: "order",
        fields: [
          "id",
          "display_id",
          "summary",
          "items.id",
          "items.quantity",
          "items.variant_sku",
          "payment_collections.payments.*",
          "payment_collections.payments.captures.*",
          "payment_collections.payments.refunds.*",
        ],
        filters: { id: orderId },
      })
      const order = data[0]
      const payment = order.payment_collections[0].payments[0]
      const item = (sku: string) => order.items.find((i: any) => i.variant_sku === sku)
      const sum = (rows: any[] | undefined) => (rows ?? []).reduce((s: number, r: any) => s + Number(r.amount), 0)
      return {
        order,
        payment,
        klarnaOrderId: payment.data.order_id as string,
        item,
        captured: sum(payment.captures),
        refunded: sum(payment.refunds),
      }
    }
    /** the order's items by sku, with the quantities the shopper bought */
    const lines = (view: Awaited<ReturnType<typeof orderView>>, bought: Record<string, number>) =>
      Object.entries(bought).map(([sku, quantity]) => ({ id: view.item(sku).id as string, quantity }))
    /** checkout through the storefront; a checkout that placed no order fails here, with Medusa's answer */
    const place = async (...args: Parameters<typeof shop.checkout> extends [any, ...infer R] ? R : never) => {
      const placed = await shop.checkout(emulator, ...args)
      if (!placed.order) throw new Error(`checkout placed no order: ${JSON.stringify(placed.result)}`)
      return placed
    }
    const refundReason = async (label: string) =>
      (await api.post("/admin/refund-reasons", { label, code: label.toLowerCase() }, asAdmin())).data.refund_reason

    describe("refunds", () => {
      it("the reason and note reach Klarna as the refund's description; a return's refund keeps its lines", async () => {
        const { order } = await place([
          { sku: "SCARF-GREY", quantity: 3 },
          { sku: "STICKER-1", quantity: 1 },
        ])
        const view = await orderView(order.id)
        await wh.fulfillAndShip(order.id, lines(view, { "SCARF-GREY": 3, "STICKER-1": 1 })).catch(explain)
        await waitForRecords(getContainer(), order.id, (r) => r[0]?.status === "succeeded")
        const scarf = view.item("SCARF-GREY")

        // a received return of 2 scarves, refunded with a reason and a note
        const { data: created } = await api.post(
          "/admin/returns",
          { order_id: order.id, location_id: store.stock_location_id },
          asAdmin()
        )
        const returnId = created.return.id
        await api.post(
          `/admin/returns/${returnId}/request-items`,
          { items: [{ id: scarf.id, quantity: 2 }] },
          asAdmin()
        )
        await api.post(`/admin/returns/${returnId}/request`, {}, asAdmin())
        await api.post(`/admin/returns/${returnId}/receive`, {}, asAdmin())
        await api.post(
          `/admin/returns/${returnId}/receive-items`,
          { items: [{ id: scarf.id, quantity: 2 }] },
          asAdmin()
        )
        await api.post(`/admin/returns/${returnId}/receive/confirm`, {}, asAdmin())
        const until = Date.now() + 15000
        while (Date.now() < until && !(await orderView(order.id)).payment.data.klarna_returns?.length) {
          await new Promise((r) => setTimeout(r, 150))
        }
        const damaged = await refundReason("Damaged")
        const owed = -Number((await orderView(order.id)).order.summary.pending_difference)
        await api.post(
          `/admin/payments/${view.payment.id}/refund`,
          { amount: owed, refund_reason_id: damaged.id, note: "Both arrived torn" },
          asAdmin()
        )

        let ko = await emulator.order(view.klarnaOrderId)
        expect(ko.refunds).toHaveLength(1)
        expect(ko.refunds[0].description).toBe(`Return ${returnId} — Damaged: Both arrived torn`)
        expect(ko.refunds[0].order_lines).toHaveLength(1)
        expect(ko.refunds[0].order_lines[0]).toMatchObject({ quantity: 2, reference: "SCARF-GREY" })
        expect(() =>
          assertKlarnaArithmetic(ko.refunds[0].order_lines, ko.refunds[0].refunded_amount, undefined, {
            amountField: "refunded_amount",
          })
        ).not.toThrow()

        // a goodwill refund: amount-only, with what the admin said
        const goodwill = await refundReason("Goodwill")
        await api.post(
          `/admin/payments/${view.payment.id}/refund`,
          { amount: 5, refund_reason_id: goodwill.id, note: "Sorry for\nthe wait" },
          asAdmin()
        )
        ko = await emulator.order(view.klarnaOrderId)
        expect(ko.refunds).toHaveLength(2)
        expect(ko.refunds[1]).toMatchObject({ refunded_amount: 500, description: "Goodwill: Sorry for the wait" })
        expect(ko.refunds[1].order_lines ?? []).toEqual([])

        const after = await orderView(order.id)
        expect(Math.round(after.refunded * 100)).toBe(ko.refunded_amount)
        expect(after.payment.refunds.map((r: any) => r.note).sort()).toEqual([
          "Both arrived torn",
          "Sorry for\nthe wait",
        ])
      })
    })

    const operations = async (orderId: string) =>
      (await getContainer().resolve<any>("klarna").listKlarnaOrderOperations({ order_id: orderId })) as any[]

    describe("merchant references", () => {
      it("a placed order's number and id reach its Klarna order, once", async () => {
        const { order } = await place([{ sku: "STICKER-1", quantity: 1 }])
        const view = await orderView(order.id)
        const ko = await emulator.order(view.klarnaOrderId)
        expect(ko.merchant_reference1).toBe(String(view.order.display_id))
        expect(ko.merchant_reference2).toBe(order.id)
        const records = await operations(order.id)
        expect(records).toHaveLength(1)
        expect(records[0]).toMatchObject({
          key: `merchant-references:${order.id}`,
          operation: "merchant_references",
          status: "succeeded",
          attempts: 1,
          last_error: null,
        })
        // the job has nothing to do for it
        await retryKlarnaOrderOperations(getContainer(), { order_id: order.id })
        const patches = (await emulator.requests(`/ordermanagement/v1/orders/${view.klarnaOrderId}`)).filter(
          (r) => r.method === "PATCH"
        )
        expect(patches).toHaveLength(1)
      })

      it("a refusal is kept with Klarna's error, shown to the admin, and retried by the order-operations job", async () => {
        await emulator.fault({
          method: "PATCH",
          path: "/ordermanagement/v1/orders/*/merchant-references",
          status: 403,
          count: 1,
        })
        const { order } = await place([{ sku: "STICKER-1", quantity: 1 }])
        const view = await orderView(order.id)
        const [failed] = await operations(order.id)
        expect(failed).toMatchObject({ status: "failed", attempts: 1 })
        expect(failed.last_error).toMatchObject({ status: 403, error_code: expect.any(String) })
        const { data: panel } = await api.get(`/admin/klarna/orders/${order.id}`, asAdmin())
        expect(panel.order_operations).toEqual([
          expect.objectContaining({ reason: "merchant-references", status: "failed" }),
        ])
        expect((await emulator.order(view.klarnaOrderId)).merchant_reference2).not.toBe(order.id)

        await retryKlarnaOrderOperations(getContainer(), { order_id: order.id })
        const ko = await emulator.order(view.klarnaOrderId)
        expect(ko.merchant_reference1).toBe(String(view.order.display_id))
        expect(ko.merchant_reference2).toBe(order.id)
        expect((await operations(order.id))[0]).toMatchObject({ status: "succeeded", attempts: 2, last_error: null })
      })

      it("a fraud decision after the references changed still reaches the order's payment", async () => {
        const { order } = await place([{ sku: "STICKER-1", quantity: 1 }], {
          fraud_status: "PENDING",
        })
        const { data } = await (getContainer().resolve("query") as any).graph({
          entity: "order",
          fields: ["payment_collections.payment_sessions.data", "payment_collections.payments.id"],
          filters: { id: order.id },
        })
        const klarnaOrderId = data[0].payment_collections[0].payment_sessions[0].data.order_id
        expect((await emulator.order(klarnaOrderId)).merchant_reference2).toBe(order.id)
        expect(data[0].payment_collections[0].payments ?? []).toHaveLength(0)

        await emulator.fraudStatus(klarnaOrderId, "ACCEPTED") // Klarna calls the notification URL
        const until = Date.now() + 20000
        let payments: any[] = []
        while (Date.now() < until && !payments.length) {
          const { data: now } = await (getContainer().resolve("query") as any).graph({
            entity: "order",
            fields: ["payment_collections.payments.id", "payment_collections.payments.data"],
            filters: { id: order.id },
          })
          payments = now[0].payment_collections[0].payments ?? []
          if (!payments.length) await new Promise((r) => setTimeout(r, 200))
        }
        expect(payments).toHaveLength(1)
        expect(payments[0].data).toMatchObject({ order_id: klarnaOrderId, fraud_status: "ACCEPTED" })
      })
    })

    describe("captures", () => {
      it("the last capture takes no more than its plan: a larger authorization at Klarna is a failed record with the reason", async () => {
        const { order } = await place([{ sku: "JACKET-M", quantity: 1 }])
        const view = await orderView(order.id)
        const before = await emulator.order(view.klarnaOrderId)
        // Klarna holds 100.00 SEK more than the Medusa order (e.g. raised in Klarna's portal)
        const extra = {
          type: "physical",
          name: "Gift wrap",
          quantity: 1,
          unit_price: 10000,
          tax_rate: 2500,
          total_amount: 10000,
          total_tax_amount: 2000,
        }
        await klarnaApi(env.emulatorUrl, "PATCH", `/ordermanagement/v1/orders/${view.klarnaOrderId}/authorization`, {
          order_amount: before.order_amount + 10000,
          order_lines: [...before.order_lines, extra],
        })

        await wh.fulfillAndShip(order.id, lines(view, { "JACKET-M": 1 })).catch(explain)
        const [record] = await waitForRecords(getContainer(), order.id, (r) => r[0]?.status === "failed")
        expect(record.last_error).toMatchObject({
          reason: "exceeds_plan",
          error_code: "CAPTURE_EXCEEDS_PLAN",
          error_messages: [
            expect.stringMatching(/holds 1448\.00 SEK but this last capture is planned at 1348\.00 SEK/),
          ],
          klarna_status: "AUTHORIZED",
        })
        const ko = await emulator.order(view.klarnaOrderId)
        expect(ko.captured_amount).toBe(0)
        expect((await orderView(order.id)).captured).toBe(0)
        const { data: panel } = await api.get(`/admin/klarna/orders/${order.id}`, asAdmin())
        expect(panel.capture_records[0]).toMatchObject({
          status: "failed",
          last_error: expect.objectContaining({ error_code: "CAPTURE_EXCEEDS_PLAN" }),
        })
      })

      it("a goodwill refund on a partly shipped order (a Medusa credit line) does not block the next shipment", async () => {
        const { order } = await place([
          { sku: "SCARF-GREY", quantity: 2 },
          { sku: "JACKET-M", quantity: 1 },
        ])
        const view = await orderView(order.id)
        const scarf = view.item("SCARF-GREY")
        const jacket = view.item("JACKET-M")
        await wh.fulfillAndShip(order.id, [{ id: scarf.id, quantity: 2 }]).catch(explain)
        await waitForRecords(getContainer(), order.id, (r) => r[0]?.status === "succeeded")

        const goodwill = await refundReason("Goodwill")
        await api.post(
          `/admin/payments/${view.payment.id}/refund`,
          { amount: 10, refund_reason_id: goodwill.id, note: "late parcel" },
          asAdmin()
        )
        const { data: refunded } = await api.get(`/admin/orders/${order.id}?fields=credit_line_total,total`, asAdmin())
        expect(Number(refunded.order.credit_line_total)).toBe(10) // what made the next shipment unplannable

        await wh.fulfillAndShip(order.id, [{ id: jacket.id, quantity: 1 }]).catch(explain)
        const records = await waitForRecords(
          getContainer(),
          order.id,
          (r) => r.length === 2 && r[1].status !== "pending"
        )
        expect(records.map((r) => r.status)).toEqual(["succeeded", "succeeded"])
        const ko = await emulator.order(view.klarnaOrderId)
        expect(ko).toMatchObject({ status: "CAPTURED", captured_amount: ko.order_amount, refunded_amount: 1000 })
        expect(ko.captures[1].order_lines).toEqual([expect.objectContaining({ reference: "JACKET-M", quantity: 1 })])
        const after = await orderView(order.id)
        expect(Math.round(after.captured * 100)).toBe(ko.order_amount)
        expect(after.refunded).toBe(10)
        expect(after.payment.captured_at).not.toBeNull()
      })
    })

    describe("the authorization extension job", () => {
      it("reaches every due Klarna authorization across pages, nearest expiry first; no other payment, none not yet due or expired", async () => {
        const payments = getContainer().resolve("payment") as any
        // other providers' live payments, more than a page of them
        for (let i = 0; i < 5; i++) {
          const [collection] = await payments.createPaymentCollections([{ currency_code: "sek", amount: 10 }])
          const session = await payments.createPaymentSession(collection.id, {
            provider_id: "pp_system_default",
            amount: 10,
            currency_code: "sek",
            data: {},
          })
          await payments.authorizePaymentSession(session.id, {})
        }
        const placed: Awaited<ReturnType<typeof orderView>>[] = []
        for (let i = 0; i < 4; i++) {
          const { order } = await place([{ sku: "STICKER-1", quantity: 1 }])
          placed.push(await orderView(order.id))
        }
        const [late, soon, far, expired] = placed
        const klarnaExpiry = new Date((await emulator.order(soon.klarnaOrderId)).expires_at).getTime()
        const now = klarnaExpiry - 86400_000 // Klarna's authorizations expire tomorrow
        const stamp = async (view: (typeof placed)[number], expires: number) =>
          payments.updatePayment({
            id: view.payment.id,
            data: { ...view.payment.data, expires_at: new Date(expires).toISOString() },
          })
        await stamp(late, now + 2 * 86400_000)
        await stamp(soon, now + 3600_000)
        await stamp(far, now + 10 * 86400_000) // beyond the 3 days: not yet
        await stamp(expired, now - 3600_000) // the store's history: never read again
        await emulator.clearRequests()

        const { result } = await extendKlarnaAuthorizationsWorkflow(getContainer()).run({
          input: { now: new Date(now).toISOString(), page_size: 2 },
        })
        expect(result.map((e: any) => e.klarna_order_id)).toEqual([soon.klarnaOrderId, late.klarnaOrderId])
        expect(result.every((e: any) => !e.error && new Date(e.to).getTime() > klarnaExpiry)).toBe(true)
        const extended = (await emulator.requests("/ordermanagement/v1/orders/"))
          .filter((r) => r.method === "POST")
          .map((r) => r.path.split("/")[4])
        expect(extended).toEqual([soon.klarnaOrderId, late.klarnaOrderId])
        expect((await orderView(soon.order.id)).payment.data.expires_at).toBe(result[0].to)
      })

      it("extends an order waiting for its shipment (fulfilled, not shipped), never a canceled one", async () => {
        const { order: fulfilled } = await place([{ sku: "STICKER-1", quantity: 1 }])
        const { order: canceled } = await place([{ sku: "STICKER-1", quantity: 1 }])
        const views = [await orderView(fulfilled.id), await orderView(canceled.id)]
        await wh.fulfill(fulfilled.id, lines(views[0], { "STICKER-1": 1 })).catch(explain) // capture on shipment: still to come
        await api.post(`/admin/orders/${canceled.id}/cancel`, {}, asAdmin())
        const klarnaExpiry = new Date((await emulator.order(views[0].klarnaOrderId)).expires_at).getTime()
        const { result } = await extendKlarnaAuthorizationsWorkflow(getContainer()).run({
          input: { now: new Date(klarnaExpiry - 86400_000).toISOString() },
        })
        expect(result.map((e: any) => e.klarna_order_id)).toEqual([views[0].klarnaOrderId])
      })
    })
  },
})
