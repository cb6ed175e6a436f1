import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { seedKlarnaStore, type SeededStore } from "../../scripts/seed/seed-store"
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
  },
})
