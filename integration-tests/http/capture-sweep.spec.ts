import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { seedKlarnaStore, type SeededStore } from "../../scripts/seed/seed-store"
import { KLARNA_MODULE } from "../../src/modules/klarna"
import { CAPTURE_SWEEP, sweepOverlapMs } from "../../src/workflows/capture/reconcile-intents"
import { retryKlarnaCaptures } from "../../src/workflows/capture/retry-captures"
import { sweepCandidates } from "../../src/workflows/capture/sweep-candidates"
import { createAdminHeaders } from "../helpers/admin"
import { emulatorApi } from "../helpers/emulator-api"
import { captureRecords, warehouse } from "../helpers/fulfillment"
import { useKlarnaTestEnv } from "../helpers/klarna-env"
import { storefront } from "../helpers/storefront"

jest.setTimeout(240_000)

const env = useKlarnaTestEnv()
const emulator = emulatorApi(() => env.emulatorUrl)
const MINUTE = 60_000

// The retry job's sweep reads the fulfillments changed since its mark (less an overlap), of Klarna
// orders, without a record. These are its guarantees: what it must still find, and what it leaves.
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: { headers: Record<string, string> }
    const shop = storefront(api, () => store)
    const wh = warehouse(api, () => ({ headers: admin.headers }))
    const db = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION) as any
    const mark = async () => (await getContainer().resolve<any>(KLARNA_MODULE).readSweepMark(CAPTURE_SWEEP)).swept_until
    /** the job's own call */
    const job = () => retryKlarnaCaptures(getContainer(), { max_attempts: 20 })

    beforeEach(async () => {
      store = await seedKlarnaStore(getContainer(), { providerIds: ["pp_klarna_klarna", "pp_system_default"] })
      admin = await createAdminHeaders(getContainer(), api)
      await emulator.clearFaults()
    })

    const klarnaOrder = async () => {
      const { order } = await shop.checkout(emulator, [{ sku: "JACKET-M", quantity: 1 }])
      const { data } = await getContainer()
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({
          entity: "order",
          fields: ["id", "items.id", "payment_collections.payments.data"],
          filters: { id: order.id },
        })
      const full = data[0] as any
      return {
        id: order.id as string,
        items: [{ id: full.items[0].id as string, quantity: 1 }],
        klarnaOrderId: full.payment_collections[0].payments[0].data.order_id as string,
      }
    }
    /** fulfilled through the admin API, marked shipped behind Medusa's workflows: shipment.created is lost */
    const shippedEventLost = async (o: { id: string; items: { id: string; quantity: number }[] }) => {
      const fulfillmentId = await wh.fulfill(o.id, o.items)
      await getContainer().resolve(Modules.FULFILLMENT).updateFulfillment(fulfillmentId, { shipped_at: new Date() })
      return fulfillmentId
    }
    const stampChange = (fulfillmentId: string, at: Date) =>
      db().raw("update fulfillment set updated_at = ? where id = ?", [at, fulfillmentId])

    it("a shipment whose event was lost is captured while the mark moves on, and an idle sweep finds nothing", async () => {
      await job()
      const first = await mark()
      expect(first).toBeInstanceOf(Date)

      const o = await klarnaOrder()
      const fulfillmentId = await shippedEventLost(o)
      expect(await captureRecords(getContainer(), o.id)).toHaveLength(0)
      await job()
      const [record] = await captureRecords(getContainer(), o.id)
      expect(record).toMatchObject({ fulfillment_id: fulfillmentId, status: "succeeded" })
      expect((await emulator.order(o.klarnaOrderId)).captures).toHaveLength(1)
      const second = await mark()
      expect(+second).toBeGreaterThan(+first)

      // nothing new: no candidate, no second capture, and the mark moves on again
      expect(await sweepCandidates(getContainer(), { since: new Date(+second - sweepOverlapMs()), limit: 10 })).toEqual(
        []
      )
      await job()
      expect(await captureRecords(getContainer(), o.id)).toHaveLength(1)
      expect((await emulator.order(o.klarnaOrderId)).captures).toHaveLength(1)
      expect(+(await mark())).toBeGreaterThan(+second)
    })

    it("a fulfillment stamped before the mark but committed after the sweep read (inside the overlap) is still found", async () => {
      const o = await klarnaOrder()
      await job()
      const swept = await mark()
      // what a transaction started before the sweep and committed after it leaves behind: a change
      // time before the mark, visible only now
      const fulfillmentId = await shippedEventLost(o)
      await stampChange(fulfillmentId, new Date(+swept - sweepOverlapMs() + MINUTE))
      await job()
      const [record] = await captureRecords(getContainer(), o.id)
      expect(record).toMatchObject({ fulfillment_id: fulfillmentId, status: "succeeded" })
      expect((await emulator.order(o.klarnaOrderId)).status).toBe("CAPTURED")
    })

    it("a change older than mark − overlap is left to the retry route, which sweeps its order whatever the age", async () => {
      const o = await klarnaOrder()
      await job()
      const fulfillmentId = await shippedEventLost(o)
      await stampChange(fulfillmentId, new Date(+(await mark()) - sweepOverlapMs() - MINUTE))
      await job()
      expect(await captureRecords(getContainer(), o.id)).toHaveLength(0)

      const { data } = await api.post(`/admin/klarna/orders/${o.id}/retry-captures`, {}, { headers: admin.headers })
      expect(data.capture_records).toEqual([
        expect.objectContaining({ fulfillment_id: fulfillmentId, status: "succeeded" }),
      ])
    })

    it("the sweep's read keeps only Klarna orders' fulfillments without a record", async () => {
      const since = new Date(Date.now() - MINUTE)
      const cart = await shop.cart([{ sku: "STICKER-1", quantity: 1 }])
      const { data: pc } = await api.post("/store/payment-collections", { cart_id: cart.id }, shop.headers())
      await api.post(
        `/store/payment-collections/${pc.payment_collection.id}/payment-sessions`,
        { provider_id: "pp_system_default" },
        shop.headers()
      )
      const { order: systemOrder } = await shop.complete(cart.id)
      const { data } = await api.get(`/admin/orders/${systemOrder.id}?fields=items.id`, { headers: admin.headers })
      const systemFulfillment = await wh.fulfillAndShip(systemOrder.id, [{ id: data.order.items[0].id, quantity: 1 }])

      const unshipped = await klarnaOrder()
      const unshippedFulfillment = await wh.fulfill(unshipped.id, unshipped.items)
      const captured = await klarnaOrder()
      await shippedEventLost(captured)
      await job()
      expect(await captureRecords(getContainer(), captured.id)).toHaveLength(1)

      const candidates = await sweepCandidates(getContainer(), { since, limit: 100 })
      expect(candidates.map((c) => c.fulfillment_id)).toEqual([unshippedFulfillment])
      expect(candidates.map((c) => c.fulfillment_id)).not.toContain(systemFulfillment)
      // pages: a page of one continues after the last row it returned
      const [one] = await sweepCandidates(getContainer(), { since, limit: 1 })
      expect(await sweepCandidates(getContainer(), { since, after: one, limit: 1 })).toEqual([])
    })
  },
})
