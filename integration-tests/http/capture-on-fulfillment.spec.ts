import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { seedKlarnaStore, type SeededStore } from "../../scripts/seed/seed-store"
import { refundCanceledFulfillmentWorkflow } from "../../src/workflows/fulfillment-cancel/refund-canceled-fulfillment"
import { retryKlarnaOrderOperations } from "../../src/workflows/klarna-order-cancel/retry-klarna-order-operations"
import { createAdminHeaders } from "../helpers/admin"
import { emulatorApi } from "../helpers/emulator-api"
import { afterSubscribersOf } from "../helpers/events"
import { waitForRecords, warehouse } from "../helpers/fulfillment"
import { useKlarnaTestEnv } from "../helpers/klarna-env"
import { storefront } from "../helpers/storefront"

jest.setTimeout(180_000)

// capture_on: "fulfillment" (e.g. digital goods): creating the fulfillment captures, no shipment needed
const env = useKlarnaTestEnv({ KLARNA_CAPTURE_ON: "fulfillment" })
const emulator = emulatorApi(() => env.emulatorUrl)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: { headers: Record<string, string> }
    const shop = storefront(api, () => store)
    const wh = warehouse(api, () => ({ headers: admin.headers }))

    beforeEach(async () => {
      store = await seedKlarnaStore(getContainer())
      admin = await createAdminHeaders(getContainer(), api)
    })

    it("captures when the fulfillment is created, and not again when it ships", async () => {
      const { order } = await shop.checkout(emulator, [{ sku: "STICKER-1", quantity: 2 }])
      const { data } = await (getContainer().resolve("query") as any).graph({
        entity: "order",
        fields: ["id", "items.id", "payment_collections.payments.data"],
        filters: { id: order.id },
      })
      const klarnaOrderId = data[0].payment_collections[0].payments[0].data.order_id
      const items = [{ id: data[0].items[0].id, quantity: 2 }]
      const fulfillmentId = await wh.fulfill(order.id, items)
      await waitForRecords(getContainer(), order.id, (r) => r[0]?.status === "succeeded")
      expect((await emulator.order(klarnaOrderId)).status).toBe("CAPTURED")

      await afterSubscribersOf(getContainer(), "shipment.created", () => wh.ship(order.id, fulfillmentId, items))
      const records = await waitForRecords(getContainer(), order.id, (r) => r.length >= 1)
      expect(records).toHaveLength(1)
      expect((await emulator.order(klarnaOrderId)).captures).toHaveLength(1)
    })

    it("a fulfillment canceled after its capture is refunded at Klarna with its lines, and in Medusa, once", async () => {
      const { order } = await shop.checkout(emulator, [
        { sku: "STICKER-1", quantity: 2 },
        { sku: "SCARF-GREY", quantity: 1 },
      ])
      const query = getContainer().resolve("query") as any
      const read = async () =>
        (
          await query.graph({
            entity: "order",
            fields: [
              "id",
              "items.id",
              "items.variant_sku",
              "payment_collections.payments.id",
              "payment_collections.payments.data",
              "payment_collections.payments.refunds.*",
              "payment_collections.payments.captures.*",
            ],
            filters: { id: order.id },
          })
        ).data[0]
      const before = await read()
      const payment = before.payment_collections[0].payments[0]
      const klarnaOrderId = payment.data.order_id
      const sticker = before.items.find((i: any) => i.variant_sku === "STICKER-1")
      const scarf = before.items.find((i: any) => i.variant_sku === "SCARF-GREY")
      // two fulfillments, each captured when created (the first with the shipping fee)
      await wh.fulfill(order.id, [{ id: scarf.id, quantity: 1 }])
      await waitForRecords(getContainer(), order.id, (r) => r[0]?.status === "succeeded")
      const stickers = await wh.fulfill(order.id, [{ id: sticker.id, quantity: 2 }])
      const records = await waitForRecords(
        getContainer(),
        order.id,
        (r) => r.length === 2 && r[1].status === "succeeded"
      )
      const captured = (await emulator.order(klarnaOrderId)).captures.find(
        (c: any) => c.capture_id === records[1].klarna_capture_id
      )

      await afterSubscribersOf(getContainer(), "order.fulfillment_canceled", () =>
        api.post(`/admin/orders/${order.id}/fulfillments/${stickers}/cancel`, {}, { headers: admin.headers })
      )
      const ko = await emulator.order(klarnaOrderId)
      expect(ko.refunds).toHaveLength(1)
      expect(ko.refunds[0]).toMatchObject({
        refunded_amount: captured.captured_amount,
        description: `Canceled fulfillment ${stickers} — Fulfillment canceled after its capture`,
        order_lines: captured.order_lines,
      })
      const after = await read()
      const refunds = after.payment_collections[0].payments[0].refunds
      expect(refunds).toHaveLength(1)
      expect(Math.round(Number(refunds[0].amount) * 100)).toBe(captured.captured_amount)
      const operations = await getContainer()
        .resolve<any>("klarna")
        .listKlarnaOrderOperations({
          key: `fulfillment-canceled:${stickers}`,
        })
      expect(operations).toEqual([expect.objectContaining({ status: "succeeded", operation: "refund" })])

      // the same event again (a duplicate delivery) and the retry job refund nothing more
      await refundCanceledFulfillmentWorkflow(getContainer()).run({ input: { fulfillment_id: stickers } })
      await retryKlarnaOrderOperations(getContainer(), { order_id: order.id })
      expect((await emulator.order(klarnaOrderId)).refunds).toHaveLength(1)
      expect((await read()).payment_collections[0].payments[0].refunds).toHaveLength(1)
    })
  },
})
