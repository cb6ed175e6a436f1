import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { seedKlarnaStore, type SeededStore } from "../../scripts/seed/seed-store"
import { assertKlarnaArithmetic } from "../../src/lib/order-lines"
import { createAdminHeaders } from "../helpers/admin"
import { emulatorApi } from "../helpers/emulator-api"
import { waitForRecords, warehouse } from "../helpers/fulfillment"
import { useKlarnaTestEnv } from "../helpers/klarna-env"
import { orderChanges } from "../helpers/order-changes"
import { storefront } from "../helpers/storefront"

jest.setTimeout(300_000)

const env = useKlarnaTestEnv()
const emulator = emulatorApi(() => env.emulatorUrl)
const OM = "/ordermanagement/v1/orders"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: { headers: Record<string, string> }
    const shop = storefront(api, () => store)
    const asAdmin = () => ({ headers: admin.headers })
    const wh = warehouse(api, asAdmin)
    const changes = orderChanges(api, asAdmin)

    beforeEach(async () => {
      store = await seedKlarnaStore(getContainer(), { providerIds: ["pp_klarna_klarna", "pp_system_default"] })
      admin = await createAdminHeaders(getContainer(), api)
      await emulator.clearFaults()
    })

    /** Medusa's side: the order's items, payment status and every payment collection with its payments. */
    const medusa = async (orderId: string) => {
      const { data } = await api.get(
        `/admin/orders/${orderId}?fields=id,total,payment_status,summary,items.id,items.quantity,items.variant_sku,` +
          "payment_collections.id,payment_collections.status,payment_collections.amount,payment_collections.captured_amount," +
          "payment_collections.payments.id,payment_collections.payments.amount,payment_collections.payments.canceled_at," +
          "payment_collections.payments.provider_id,payment_collections.payments.data,payment_collections.payments.captures.amount",
        asAdmin()
      )
      const order = data.order
      const item = (sku: string) => order.items.find((i: any) => i.variant_sku === sku)
      const payments = order.payment_collections.flatMap((pc: any) => pc.payments)
      const live = payments.filter((p: any) => !p.canceled_at)
      return { order, item, payments, live }
    }

    const klarnaOrderOf = async (orderId: string) => (await medusa(orderId)).payments[0].data.order_id as string
    const klarna = (klarnaOrderId: string) => emulator.order(klarnaOrderId)
    const omWrites = async (klarnaOrderId: string) =>
      (await emulator.requests(`${OM}/${klarnaOrderId}`))
        .filter((r) => r.method !== "GET")
        .map((r) => `${r.method} ${r.path.slice(`${OM}/${klarnaOrderId}`.length)} ${r.status}`)
    /** the plugin follows a change in a subscriber: wait (bounded) until what it should do shows */
    const eventually = async (check: () => Promise<unknown>, timeoutMs = 90_000) => {
      const until = Date.now() + timeoutMs
      for (;;) {
        try {
          return await check()
        } catch (e) {
          if (Date.now() > until) throw e
          await new Promise((r) => setTimeout(r, 250))
        }
      }
    }
    const edited = (orderId: string, change: () => Promise<unknown>) => changes.edit(orderId, change)
    const shipAll = async (orderId: string) => {
      const { order } = await medusa(orderId)
      const items = order.items.map((i: any) => ({ id: i.id, quantity: i.quantity }))
      await wh.fulfillAndShip(orderId, items)
    }

    /** What the admin's Klarna panel reads. */
    const panel = async (orderId: string) => (await api.get(`/admin/klarna/orders/${orderId}`, asAdmin())).data

    describe("order edit before any shipment", () => {
      it("7 → 3 scarves: Klarna's authorization follows down, the Klarna order lives on, shipping captures the new total", async () => {
        const { order } = await shop.checkout(emulator, [
          { sku: "JACKET-M", quantity: 1 },
          { sku: "SCARF-GREY", quantity: 7 },
        ])
        const klarnaOrderId = await klarnaOrderOf(order.id)
        expect((await klarna(klarnaOrderId)).order_amount).toBe(129900 + 7 * 3333 + 4900)
        await emulator.clearRequests()

        const before = await medusa(order.id)
        await edited(order.id, () => changes.setQuantity(order.id, before.item("SCARF-GREY").id, 3))

        const expected = 129900 + 3 * 3333 + 4900
        await eventually(async () => expect((await medusa(order.id)).live[0]?.data.order_amount).toBe(expected))
        const ko = await klarna(klarnaOrderId)
        expect(ko).toMatchObject({
          status: "AUTHORIZED",
          order_amount: expected,
          captured_amount: 0,
          remaining_authorized_amount: expected,
        })
        assertKlarnaArithmetic(ko.order_lines, expected)
        expect(ko.order_lines.find((l: any) => l.name.includes("Scarf"))).toMatchObject({ quantity: 3 })
        expect(await omWrites(klarnaOrderId)).toEqual(["PATCH /authorization 204"])

        // Medusa: the collection it opened for the change is paid by the same Klarna order
        const after = await medusa(order.id)
        expect(after.live).toHaveLength(1)
        expect(after.live[0]).toMatchObject({ provider_id: "pp_klarna_klarna", amount: expected / 100 })
        expect(after.live[0].data.order_id).toBe(klarnaOrderId)
        expect(after.order.payment_status).toBe("authorized")
        expect((await panel(order.id)).klarna_order).toMatchObject({ order_id: klarnaOrderId, status: "AUTHORIZED" })

        await shipAll(order.id)
        await waitForRecords(getContainer(), order.id, (r) => r.length === 1 && r[0].status === "succeeded")
        expect(await klarna(klarnaOrderId)).toMatchObject({
          status: "CAPTURED",
          captured_amount: expected,
          remaining_authorized_amount: 0,
        })
        const shipped = await medusa(order.id)
        expect(shipped.order.payment_status).toBe("captured")
      })
    })

    describe("order edit raising the amount", () => {
      it("Klarna refuses the increase: the original authorization stays usable, Medusa shows the rest outstanding, the admin sees the refusal", async () => {
        const { order } = await shop.checkout(emulator, [
          { sku: "JACKET-M", quantity: 1 },
          { sku: "SCARF-GREY", quantity: 2 },
        ])
        const klarnaOrderId = await klarnaOrderOf(order.id)
        const original = 129900 + 2 * 3333 + 4900
        await emulator.authorizationIncreases(klarnaOrderId, false)
        const before = await medusa(order.id)
        await edited(order.id, () => changes.setQuantity(order.id, before.item("SCARF-GREY").id, 5))
        await eventually(async () => {
          expect((await panel(order.id)).authorization_refusal).not.toBeNull()
          expect((await medusa(order.id)).live).toHaveLength(1)
        })

        expect(await klarna(klarnaOrderId)).toMatchObject({
          status: "AUTHORIZED",
          order_amount: original,
          remaining_authorized_amount: original,
        })
        const after = await medusa(order.id)
        expect(after.live).toHaveLength(1)
        expect(after.live[0].data.order_id).toBe(klarnaOrderId)
        expect(after.live[0].amount).toBe(original / 100)
        // the collection Medusa opened asks the new total; Klarna's part is authorized, the rest outstanding
        const open = after.order.payment_collections.find((pc: any) => pc.status !== "canceled")
        expect(open).toMatchObject({ status: "partially_authorized", amount: (original + 3 * 3333) / 100 })
        const view = await panel(order.id)
        expect(view.authorization_refusal).toMatchObject({
          requested_order_amount: { minor: original + 3 * 3333 },
          authorized_order_amount: { minor: original },
          uncovered_amount: { minor: 3 * 3333 },
          klarna_error: { error_code: "NOT_ALLOWED" },
        })

        // a shipment within what Klarna authorized captures as usual
        await wh.fulfillAndShip(order.id, [{ id: before.item("JACKET-M").id, quantity: 1 }])
        await waitForRecords(getContainer(), order.id, (r) => r.length === 1 && r[0].status === "succeeded")
        expect(await klarna(klarnaOrderId)).toMatchObject({ status: "PART_CAPTURED", captured_amount: 129900 + 4900 })
      })

      it("Klarna accepts the increase: the authorization grows, shipping everything captures the new total", async () => {
        const { order } = await shop.checkout(emulator, [
          { sku: "JACKET-M", quantity: 1 },
          { sku: "SCARF-GREY", quantity: 2 },
        ])
        const klarnaOrderId = await klarnaOrderOf(order.id)
        const before = await medusa(order.id)
        await edited(order.id, () => changes.setQuantity(order.id, before.item("SCARF-GREY").id, 5))
        const expected = 129900 + 5 * 3333 + 4900
        await eventually(async () => expect((await medusa(order.id)).live[0]?.data.order_amount).toBe(expected))
        const ko = await klarna(klarnaOrderId)
        expect(ko).toMatchObject({
          status: "AUTHORIZED",
          order_amount: expected,
          remaining_authorized_amount: expected,
        })
        assertKlarnaArithmetic(ko.order_lines, expected)
        expect((await panel(order.id)).authorization_refusal).toBeNull()
        await shipAll(order.id)
        await waitForRecords(getContainer(), order.id, (r) => r.length === 1 && r[0].status === "succeeded")
        expect(await klarna(klarnaOrderId)).toMatchObject({ status: "CAPTURED", captured_amount: expected })
        expect((await medusa(order.id)).order.payment_status).toBe("captured")
      })
    })

    describe("between shipments", () => {
      it("the edit removes the unshipped item: the rest is released once, Medusa shows the order fully captured", async () => {
        const { order } = await shop.checkout(emulator, [
          { sku: "JACKET-M", quantity: 1 },
          { sku: "SCARF-GREY", quantity: 1 },
        ])
        const klarnaOrderId = await klarnaOrderOf(order.id)
        const before = await medusa(order.id)
        await wh.fulfillAndShip(order.id, [{ id: before.item("JACKET-M").id, quantity: 1 }])
        await waitForRecords(getContainer(), order.id, (r) => r.length === 1 && r[0].status === "succeeded")
        await emulator.clearRequests()

        await edited(order.id, () => changes.setQuantity(order.id, before.item("SCARF-GREY").id, 0))
        await eventually(async () => expect((await medusa(order.id)).order.payment_status).toBe("captured"))
        expect(await klarna(klarnaOrderId)).toMatchObject({
          status: "CAPTURED",
          captured_amount: 129900 + 4900,
          remaining_authorized_amount: 0,
        })
        expect(await omWrites(klarnaOrderId)).toEqual(["POST /release-remaining-authorization 204"])
        expect((await medusa(order.id)).order.payment_status).toBe("captured")
      })

      it("a shipped item returned (requested, received) leaves the unshipped item's authorization; shipping it captures", async () => {
        const { order } = await shop.checkout(emulator, [
          { sku: "JACKET-M", quantity: 1 },
          { sku: "SCARF-GREY", quantity: 1 },
        ])
        const klarnaOrderId = await klarnaOrderOf(order.id)
        const total = 129900 + 3333 + 4900
        const before = await medusa(order.id)
        const jacket = before.item("JACKET-M").id
        await wh.fulfillAndShip(order.id, [{ id: jacket, quantity: 1 }])
        await waitForRecords(getContainer(), order.id, (r) => r.length === 1 && r[0].status === "succeeded")

        const returnId = await changes.requestReturn(order.id, [{ id: jacket, quantity: 1 }], store.stock_location_id)
        await eventually(async () => expect((await medusa(order.id)).live[0]?.data.order_id).toBe(klarnaOrderId))
        expect(await klarna(klarnaOrderId)).toMatchObject({
          status: "PART_CAPTURED",
          order_amount: total,
          remaining_authorized_amount: 3333,
        })
        await changes.receiveReturn(returnId, [{ id: jacket, quantity: 1 }])
        await eventually(async () => expect((await medusa(order.id)).live[0]?.data.order_id).toBe(klarnaOrderId))
        expect(await klarna(klarnaOrderId)).toMatchObject({
          status: "PART_CAPTURED",
          order_amount: total,
          remaining_authorized_amount: 3333,
        })
        const after = await medusa(order.id)
        expect(after.live).toHaveLength(1)
        expect(after.live[0].data.order_id).toBe(klarnaOrderId)

        await wh.fulfillAndShip(order.id, [{ id: before.item("SCARF-GREY").id, quantity: 1 }])
        await waitForRecords(
          getContainer(),
          order.id,
          (r) => r.length === 2 && r.every((x) => x.status === "succeeded")
        )
        expect(await klarna(klarnaOrderId)).toMatchObject({
          status: "CAPTURED",
          captured_amount: total,
          remaining_authorized_amount: 0,
        })
      })
    })

    describe("exchange", () => {
      it("a shipped scarf exchanged for a sticker: the Klarna order lives on, its authorization follows the order's lines, the rest ships and captures", async () => {
        const { order } = await shop.checkout(emulator, [
          { sku: "JACKET-M", quantity: 1 },
          { sku: "SCARF-GREY", quantity: 1 },
        ])
        const klarnaOrderId = await klarnaOrderOf(order.id)
        const before = await medusa(order.id)
        const scarf = before.item("SCARF-GREY").id
        await wh.fulfillAndShip(order.id, [{ id: scarf, quantity: 1 }])
        await waitForRecords(getContainer(), order.id, (r) => r.length === 1 && r[0].status === "succeeded")
        await emulator.clearRequests()

        await changes.exchange(
          order.id,
          [{ id: scarf, quantity: 1 }],
          [{ variant_id: store.variants["STICKER-1"], quantity: 1 }],
          store.stock_location_id,
          store.shipping_option_id
        )
        const expected = 129900 + 3333 + 4900 + 99
        await eventually(async () => expect((await klarna(klarnaOrderId)).order_amount).toBe(expected))
        const ko = await klarna(klarnaOrderId)
        expect(ko).toMatchObject({ status: "PART_CAPTURED", captured_amount: 3333 + 4900 })
        assertKlarnaArithmetic(ko.order_lines, expected)
        expect(await omWrites(klarnaOrderId)).toEqual(["PATCH /authorization 204"])
        const after = await eventually(async () => {
          const m = await medusa(order.id)
          expect(m.live[0]?.data.order_id).toBe(klarnaOrderId)
          return m
        })

        const toShip = (after as any).order.items
          .filter((i: any) => ["JACKET-M", "STICKER-1"].includes(i.variant_sku))
          .map((i: any) => ({ id: i.id, quantity: i.quantity }))
        await wh.fulfillAndShip(order.id, toShip)
        await waitForRecords(
          getContainer(),
          order.id,
          (r) => r.length === 2 && r.every((x) => x.status === "succeeded")
        )
        const shipped = await klarna(klarnaOrderId)
        expect(shipped.captured_amount).toBeLessThanOrEqual(shipped.order_amount)
        expect(shipped).toMatchObject({ status: "CAPTURED", captured_amount: expected })
      })
    })

    describe("claim", () => {
      it("a damaged shipped scarf replaced: the Klarna order lives on and follows the order's lines; everything ships and captures within the authorization", async () => {
        const { order } = await shop.checkout(emulator, [
          { sku: "JACKET-M", quantity: 1 },
          { sku: "SCARF-GREY", quantity: 1 },
        ])
        const klarnaOrderId = await klarnaOrderOf(order.id)
        const before = await medusa(order.id)
        const scarf = before.item("SCARF-GREY").id
        await wh.fulfillAndShip(order.id, [{ id: scarf, quantity: 1 }])
        await waitForRecords(getContainer(), order.id, (r) => r.length === 1 && r[0].status === "succeeded")
        await emulator.clearRequests()

        await changes.claim(
          order.id,
          [{ id: scarf, quantity: 1 }],
          [{ variant_id: store.variants["SCARF-GREY"], quantity: 1 }],
          store.stock_location_id,
          store.shipping_option_id
        )
        // Klarna's order follows the order as the claim left it, and is never cancelled or released
        const after = await eventually(async () => {
          const m = await medusa(order.id)
          const ko = await klarna(klarnaOrderId)
          expect(ko.order_amount).toBe(Math.round(Number(m.order.total) * 100))
          expect(m.live[0]?.data.order_id).toBe(klarnaOrderId)
          return { m, ko }
        })
        const { m, ko } = after as any
        expect(ko.status).toBe("PART_CAPTURED")
        assertKlarnaArithmetic(ko.order_lines, ko.order_amount)
        expect((await omWrites(klarnaOrderId)).filter((w) => !w.startsWith("PATCH /authorization"))).toEqual([])

        const toShip = m.order.items
          .filter((i: any) => i.id !== scarf)
          .map((i: any) => ({ id: i.id, quantity: i.quantity }))
        await wh.fulfillAndShip(order.id, toShip)
        await waitForRecords(
          getContainer(),
          order.id,
          (r) => r.length === 2 && r.every((x) => x.status === "succeeded")
        )
        const shipped = await klarna(klarnaOrderId)
        expect(shipped).toMatchObject({ status: "CAPTURED", captured_amount: ko.order_amount })
      })
    })
  },
})
