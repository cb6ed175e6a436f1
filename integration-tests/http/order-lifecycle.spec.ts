import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { seedKlarnaStore, type SeededStore } from "../../scripts/seed/seed-store"
import { assertKlarnaArithmetic } from "../../src/lib/order-lines"
import { extendKlarnaAuthorizationsWorkflow } from "../../src/workflows/authorization/extend-klarna-authorizations"
import { retryKlarnaOrderOperations } from "../../src/workflows/klarna-order-cancel/retry-klarna-order-operations"
import { createAdminHeaders } from "../helpers/admin"
import { emulatorApi } from "../helpers/emulator-api"
import { waitForRecords, warehouse } from "../helpers/fulfillment"
import { useKlarnaTestEnv } from "../helpers/klarna-env"
import { storefront } from "../helpers/storefront"

jest.setTimeout(240_000)

const env = useKlarnaTestEnv()
const emulator = emulatorApi(() => env.emulatorUrl)
const OM = "/ordermanagement/v1/orders"

/** After checkout: what the order did at Klarna's order management, as "METHOD /last-segment" lines. */
async function omCalls(klarnaOrderId: string) {
  const requests = await emulator.requests(`${OM}/${klarnaOrderId}`)
  return requests
    .filter((r) => r.method !== "GET")
    .map((r) => `${r.method} ${r.path.slice(`${OM}/${klarnaOrderId}`.length) || "/"}`)
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: { headers: Record<string, string> }
    const shop = storefront(api, () => store)
    const wh = warehouse(api, () => ({ headers: admin.headers }))
    const asAdmin = () => ({ headers: admin.headers })

    const seed = async (opts: Parameters<typeof seedKlarnaStore>[1] = {}) => {
      store = await seedKlarnaStore(getContainer(), { providerIds: ["pp_klarna_klarna", "pp_system_default"], ...opts })
      admin = await createAdminHeaders(getContainer(), api)
      await emulator.clearFaults()
    }

    const orderView = async (orderId: string) => {
      const { data } = await (getContainer().resolve("query") as any).graph({
        entity: "order",
        fields: [
          "id",
          "status",
          "total",
          "currency_code",
          "summary",
          "items.id",
          "items.quantity",
          "items.variant_sku",
          "payment_collections.payments.*",
          "payment_collections.payments.captures.*",
          "payment_collections.payments.refunds.*",
          "payment_collections.payment_sessions.data",
        ],
        filters: { id: orderId },
      })
      const order = data[0]
      const payment = order.payment_collections[0].payments[0]
      const klarnaOrderId: string =
        payment?.data?.order_id ?? order.payment_collections[0].payment_sessions[0].data.order_id
      const item = (sku: string) => order.items.find((i: any) => i.variant_sku === sku)
      const refunded = (payment.refunds ?? []).reduce((s: number, r: any) => s + Number(r.amount), 0)
      return { order, payment, klarnaOrderId, item, refunded }
    }

    const operations = async (orderId: string) =>
      ((await getContainer().resolve<any>("klarna").listKlarnaOrderOperations({ order_id: orderId })) as any[]).filter(
        (r) => r.key.startsWith("order-canceled:")
      )
    const waitForOperation = async (orderId: string, done: (r: any) => boolean) => {
      const until = Date.now() + 20000
      while (Date.now() < until) {
        const [record] = await operations(orderId)
        if (record && done(record)) return record
        await new Promise((r) => setTimeout(r, 150))
      }
      throw new Error(`cancel record of ${orderId} never settled: ${JSON.stringify(await operations(orderId))}`)
    }
    const cancel = (orderId: string) => api.post(`/admin/orders/${orderId}/cancel`, {}, asAdmin())
    const refund = (paymentId: string, amount: number) =>
      api.post(`/admin/payments/${paymentId}/refund`, { amount }, asAdmin())
    const status = (p: Promise<any>) =>
      p.then(
        (r) => r.status,
        (e) => e.response?.status ?? 0
      )

    describe("cancel", () => {
      beforeEach(() => seed())

      it("before any capture: the Klarna order is cancelled once, recorded, shown to the admin", async () => {
        const { order } = await shop.checkout(emulator, [{ sku: "JACKET-M", quantity: 1 }])
        const { klarnaOrderId } = await orderView(order.id)
        await emulator.clearRequests()
        await cancel(order.id)
        const record = await waitForOperation(order.id, (r) => r.status === "succeeded")
        expect(record).toMatchObject({ operation: "cancel", klarna_status: "CANCELLED", last_error: null })
        const ko = await emulator.order(klarnaOrderId)
        expect(ko.status).toBe("CANCELLED")
        expect(ko.remaining_authorized_amount).toBe(0)
        expect(await omCalls(klarnaOrderId)).toEqual(["POST /cancel"])
        const view = await orderView(order.id)
        expect(view.order.status).toBe("canceled")
        expect(view.payment.canceled_at).toBeTruthy()
        const { data } = await api.get(`/admin/klarna/orders/${order.id}`, asAdmin())
        expect(data.order_operations).toEqual([
          expect.objectContaining({
            reason: "order-canceled",
            operation: "cancel",
            status: "succeeded",
            klarna_status: "CANCELLED",
            last_error: null,
          }),
        ])
        // the retry job finds nothing to do, and a second run of the workflow makes no call
        await retryKlarnaOrderOperations(getContainer())
        expect(await omCalls(klarnaOrderId)).toEqual(["POST /cancel"])
      })

      it("after a partial capture: Medusa refunds the capture, the plugin releases the rest; no capture or extension afterwards", async () => {
        const { order } = await shop.checkout(emulator, [
          { sku: "JACKET-M", quantity: 1 },
          { sku: "SCARF-GREY", quantity: 1 },
        ])
        const { klarnaOrderId } = await orderView(order.id)
        await api.post(`/admin/klarna/orders/${order.id}/captures`, { amount: 82.33 }, asAdmin())
        await emulator.clearRequests()
        await cancel(order.id)
        const record = await waitForOperation(order.id, (r) => r.status === "succeeded")
        expect(record.operation).toBe("release")
        const ko = await emulator.order(klarnaOrderId)
        expect(ko.captured_amount).toBe(8233)
        expect(ko.refunded_amount).toBe(8233)
        expect(ko.remaining_authorized_amount).toBe(0)
        expect(await omCalls(klarnaOrderId)).toEqual(["POST /refunds", "POST /release-remaining-authorization"])
        const actions = await getContainer().resolve<any>("klarna").listKlarnaActions({ order_id: order.id })
        expect(actions).toContainEqual(
          expect.objectContaining({
            action: "release_remaining_authorization",
            actor_id: "system",
            outcome: "succeeded",
            details: { reason: "order_canceled", klarna_status: ko.status },
          })
        )
        const view = await orderView(order.id)
        expect(view.refunded).toBeCloseTo(82.33, 6)

        // a manual capture on the canceled order is refused before Klarna (capture-side guard)
        await emulator.clearRequests()
        expect(
          await status(api.post(`/admin/klarna/orders/${order.id}/captures`, { amount: 1 }, asAdmin()))
        ).toBeGreaterThanOrEqual(400)
        // the hourly job leaves it alone, even when its expiry is near
        await extendKlarnaAuthorizationsWorkflow(getContainer()).run({
          input: { now: new Date(Date.now() + 27 * 86400_000).toISOString() },
        })
        expect(await omCalls(klarnaOrderId)).toEqual([])
        expect((await emulator.order(klarnaOrderId)).captured_amount).toBe(8233)
      })

      it("after a full capture: Medusa refunds everything, nothing is left to release", async () => {
        const { order } = await shop.checkout(emulator, [{ sku: "JACKET-M", quantity: 1 }])
        const { klarnaOrderId, payment } = await orderView(order.id)
        await api.post(`/admin/payments/${payment.id}/capture`, {}, asAdmin())
        await emulator.clearRequests()
        await cancel(order.id)
        const record = await waitForOperation(order.id, (r) => r.status === "succeeded")
        expect(record).toMatchObject({ operation: "none", klarna_status: "CAPTURED" })
        const ko = await emulator.order(klarnaOrderId)
        expect(ko.captured_amount).toBe(ko.order_amount)
        expect(ko.refunded_amount).toBe(ko.order_amount)
        expect(await omCalls(klarnaOrderId)).toEqual(["POST /refunds"])
        // a full refund carries every line
        expect(ko.refunds[0].order_lines).toHaveLength(ko.order_lines.length)
        const view = await orderView(order.id)
        expect(Math.round(view.refunded * 100)).toBe(ko.refunded_amount)
      })

      it("a cancel Klarna refuses is recorded with Klarna's error, shown, and retried until it succeeds", async () => {
        const { order } = await shop.checkout(emulator, [{ sku: "JACKET-M", quantity: 1 }])
        const { klarnaOrderId } = await orderView(order.id)
        await emulator.fault({ method: "POST", path: `${OM}/*/cancel`, status: 403, count: 1 })
        // the provider leaves a placed order's Klarna order to the order.canceled workflow: its cancel is refused
        await cancel(order.id)
        const failed = await waitForOperation(order.id, (r) => r.status === "failed")
        expect(failed.last_error).toMatchObject({ status: 403, correlation_id: expect.any(String) })
        const { data } = await api.get(`/admin/klarna/orders/${order.id}`, asAdmin())
        expect(data.order_operations[0]).toMatchObject({
          status: "failed",
          last_error: expect.objectContaining({ status: 403 }),
        })
        expect(data.actions).toEqual([
          expect.objectContaining({
            action: "cancel_order",
            actor_id: "system",
            outcome: "failed",
            details: { reason: "order_canceled", last_error: failed.last_error },
          }),
        ])
        expect((await emulator.order(klarnaOrderId)).status).toBe("AUTHORIZED")
        await retryKlarnaOrderOperations(getContainer(), { order_id: order.id })
        const [healed] = await operations(order.id)
        expect(healed).toMatchObject({ status: "succeeded", operation: "cancel", attempts: 2 })
        expect((await emulator.order(klarnaOrderId)).status).toBe("CANCELLED")
        const cancels = (await emulator.requests(`${OM}/${klarnaOrderId}/cancel`)).filter((r) => r.method === "POST")
        expect(cancels).toHaveLength(2)
        expect(new Set(cancels.map((c) => c.headers["klarna-idempotency-key"])).size).toBe(1)
      })
    })

    describe("refunds", () => {
      it("JPY: three refunds of 0.5 leave Klarna at round(1.5) = 2, never 3; a refund that is 0 at Klarna makes no call", async () => {
        await seed({ currency: "jpy", products: [{ title: "Tea", sku: "TEA-1", price: 1000 }], shippingPrice: 500 })
        const { order } = await shop.checkout(emulator, [{ sku: "TEA-1", quantity: 1 }])
        const { klarnaOrderId, payment } = await orderView(order.id)
        await api.post(`/admin/payments/${payment.id}/capture`, {}, asAdmin())
        await emulator.clearRequests()
        const klarnaAfter: number[] = []
        for (const amount of [0.5, 0.5, 0.5, 0.4]) {
          await refund(payment.id, amount)
          klarnaAfter.push((await emulator.order(klarnaOrderId)).refunded_amount)
        }
        expect(klarnaAfter).toEqual([1, 1, 2, 2]) // round(0.5), round(1), round(1.5), round(1.9)
        const posts = (await emulator.requests(`${OM}/${klarnaOrderId}/refunds`)).filter((r) => r.method === "POST")
        expect(posts.map((p) => p.body.refunded_amount)).toEqual([1, 1])
        expect(new Set(posts.map((p) => p.headers["klarna-idempotency-key"])).size).toBe(2)
        const view = await orderView(order.id)
        expect(view.payment.refunds).toHaveLength(4)
        expect(view.refunded).toBeCloseTo(1.9, 9)

        // a lone 0.4 JPY on a fresh order: recorded in Medusa, nothing sent to Klarna
        const second = await shop.checkout(emulator, [{ sku: "TEA-1", quantity: 1 }])
        const v2 = await orderView(second.order.id)
        await api.post(`/admin/payments/${v2.payment.id}/capture`, {}, asAdmin())
        await emulator.clearRequests()
        await refund(v2.payment.id, 0.4)
        expect(await omCalls(v2.klarnaOrderId)).toEqual([])
        expect((await orderView(second.order.id)).payment.refunds).toHaveLength(1)
        expect((await emulator.order(v2.klarnaOrderId)).refunded_amount).toBe(0)
      })

      it("SEK: fractions of an öre carry over; two equal refunds are two refunds", async () => {
        await seed()
        const { order } = await shop.checkout(emulator, [{ sku: "JACKET-M", quantity: 1 }])
        const { klarnaOrderId, payment } = await orderView(order.id)
        await api.post(`/admin/payments/${payment.id}/capture`, {}, asAdmin())
        await emulator.clearRequests()
        const amounts = [10.005, 10.005, 0.004, 25, 25]
        const klarnaAfter: number[] = []
        let medusa = 0
        for (const amount of amounts) {
          await refund(payment.id, amount)
          medusa += amount
          const ko = await emulator.order(klarnaOrderId)
          klarnaAfter.push(ko.refunded_amount)
          expect(ko.refunded_amount).toBe(Math.round(Number((medusa * 100).toFixed(6))))
        }
        expect(klarnaAfter).toEqual([1001, 2001, 2001, 4501, 7001])
        const posts = (await emulator.requests(`${OM}/${klarnaOrderId}/refunds`)).filter((r) => r.method === "POST")
        expect(posts.map((p) => p.body.refunded_amount)).toEqual([1001, 1000, 2500, 2500])
        expect(posts.every((p) => !p.body.order_lines)).toBe(true) // no item behind these refunds
        expect((await orderView(order.id)).payment.refunds).toHaveLength(5)
      })

      it("a refund for a received return carries the returned lines, consistent with the captured ones", async () => {
        await seed()
        const { order } = await shop.checkout(
          emulator,
          [
            { sku: "SCARF-GREY", quantity: 3 },
            { sku: "STICKER-1", quantity: 1 },
          ],
          { promo: true }
        )
        const view = await orderView(order.id)
        await wh.fulfillAndShip(
          order.id,
          view.order.items.map((i: any) => ({ id: i.id, quantity: Number(i.quantity) }))
        )
        await waitForRecords(getContainer(), order.id, (r) => r[0]?.status === "succeeded")
        const scarf = view.item("SCARF-GREY")

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

        // the subscriber notes the return on the payment
        const until = Date.now() + 15000
        let noted: any
        while (Date.now() < until && !noted) {
          noted = (await orderView(order.id)).payment.data.klarna_returns?.[0]
          if (!noted) await new Promise((r) => setTimeout(r, 150))
        }
        expect(noted).toMatchObject({ return_id: returnId, items: { [scarf.id]: 2 } })

        const before = await orderView(order.id)
        const owed = -Number(before.order.summary.pending_difference)
        expect(owed).toBeGreaterThan(0)
        await emulator.clearRequests()
        await refund(before.payment.id, owed)

        const ko = await emulator.order(view.klarnaOrderId)
        const [klarnaRefund] = ko.refunds
        expect(ko.refunds).toHaveLength(1)
        expect(klarnaRefund.refunded_amount).toBe(Math.round(Number((owed * 100).toFixed(6))))
        expect(klarnaRefund.order_lines).toHaveLength(1)
        const [line] = klarnaRefund.order_lines
        const captured = ko.captures[0].order_lines.find(
          (l: any) => l.reference === scarf.variant_sku || l.name === ko.order_lines[0].name
        )
        expect(line).toMatchObject({
          type: "physical",
          quantity: 2,
          unit_price: captured.unit_price,
          tax_rate: captured.tax_rate,
        })
        expect(() =>
          assertKlarnaArithmetic(klarnaRefund.order_lines, klarnaRefund.refunded_amount, undefined, {
            amountField: "refunded_amount",
          })
        ).not.toThrow()
        expect(line.total_amount).toBeLessThanOrEqual(captured.total_amount)
        const after = await orderView(order.id)
        expect(Math.round(after.refunded * 100)).toBe(ko.refunded_amount)
        expect(after.payment.data.klarna_returns[0].refund_id).toBe(after.payment.refunds[0].id)

        // a later goodwill refund has no item behind it: amount-only
        await refund(before.payment.id, 1)
        const ko2 = await emulator.order(view.klarnaOrderId)
        expect(ko2.refunds).toHaveLength(2)
        expect(ko2.refunds[1].order_lines ?? []).toEqual([])
      })
    })
  },
})
