import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { startKlarnaEmulator } from "../../emulator"
import { freePort } from "../../scripts/lib/database"
import { seedKlarnaStore, type SeededStore } from "../../scripts/seed/seed-store"
import { KLARNA_MODULE } from "../../src/modules/klarna"
import { createAdminHeaders } from "../helpers/admin"
import { emulatorApi } from "../helpers/emulator-api"
import { KLARNA_TEST_PASSWORD, KLARNA_TEST_USERNAME } from "../helpers/klarna-env"
import { storefront } from "../helpers/storefront"

jest.setTimeout(180_000)

// Two Klarna merchant accounts: pp_klarna_klarna (KLARNA_*) and pp_klarna_nordics (KLARNA_SECOND_PROVIDER_*)
const NORDICS_USERNAME = "PK_nordics_merchant"
const NORDICS_PASSWORD = "nordics-password-never-logged-77"
const SECRETS = [
  KLARNA_TEST_PASSWORD,
  NORDICS_PASSWORD,
  Buffer.from(`${KLARNA_TEST_USERNAME}:${KLARNA_TEST_PASSWORD}`).toString("base64"),
  Buffer.from(`${NORDICS_USERNAME}:${NORDICS_PASSWORD}`).toString("base64"),
]

const env = { emulatorUrl: "", medusaUrl: "" }
let closeEmulator: (() => Promise<void>) | undefined
beforeAll(async () => {
  const emu = await startKlarnaEmulator({
    port: 0,
    accounts: [
      { username: KLARNA_TEST_USERNAME, password: KLARNA_TEST_PASSWORD },
      { username: NORDICS_USERNAME, password: NORDICS_PASSWORD },
    ],
  })
  closeEmulator = emu.close
  env.emulatorUrl = emu.url
  env.medusaUrl = `http://127.0.0.1:${await freePort()}`
  Object.assign(process.env, {
    PORT: new URL(env.medusaUrl).port,
    KLARNA_USERNAME: KLARNA_TEST_USERNAME,
    KLARNA_PASSWORD: KLARNA_TEST_PASSWORD,
    KLARNA_BASE_URL: emu.url,
    KLARNA_CALLBACK_BASE_URL: env.medusaUrl,
    KLARNA_SECOND_PROVIDER_USERNAME: NORDICS_USERNAME,
    KLARNA_SECOND_PROVIDER_PASSWORD: NORDICS_PASSWORD,
  })
})
afterAll(async () => {
  delete process.env.KLARNA_SECOND_PROVIDER_USERNAME
  delete process.env.KLARNA_SECOND_PROVIDER_PASSWORD
  await closeEmulator?.()
})

const emulator = emulatorApi(() => env.emulatorUrl)
const OM = "/ordermanagement/v1/orders/"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    const shop = storefront(api, () => store)
    let admin: { userId: string; headers: Record<string, string> }
    /** every response body the admin API gave in this file: none may contain a credential */
    const bodies: string[] = []

    const call = async (
      method: "get" | "post",
      path: string,
      body?: unknown,
      headers: Record<string, string> = admin.headers
    ) => {
      const config = { headers, validateStatus: () => true }
      const res = method === "get" ? await api.get(path, config) : await api.post(path, body ?? {}, config)
      bodies.push(typeof res.data === "string" ? res.data : JSON.stringify(res.data))
      return res
    }
    const get = (path: string, headers?: Record<string, string>) => call("get", path, undefined, headers)
    const post = (path: string, body?: unknown, headers?: Record<string, string>) => call("post", path, body, headers)

    // ---- orders placed once; the runner restores the database to this state before each test ----
    let orderA: { id: string; klarna_order_id: string; items: Record<string, string> }
    let orderN: { id: string; klarna_order_id: string }
    let systemOrderId: string
    let firstCapture: { record_id: string; capture_id: string }

    const klarnaPayment = async (orderId: string) => {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "order",
        fields: [
          "id",
          "items.id",
          "items.variant_sku",
          "payment_collections.payments.*",
          "payment_collections.payments.captures.*",
        ],
        filters: { id: orderId },
      })
      return data[0] as any
    }

    const checkoutWith = async (providerId: string, items: { sku: string; quantity: number }[]) => {
      const cart = await shop.cart(items)
      const { data: pc } = await api.post("/store/payment-collections", { cart_id: cart.id }, shop.headers())
      const { data: res } = await api.post(
        `/store/payment-collections/${pc.payment_collection.id}/payment-sessions`,
        { provider_id: providerId },
        shop.headers()
      )
      const session = res.payment_collection.payment_sessions.find((s: any) => s.provider_id === providerId)
      if (providerId.startsWith("pp_klarna")) {
        const auth = await emulator.authorize(session.data.klarna_session_id)
        await shop.submitToken(session.id, auth.authorization_token)
      }
      const done = await shop.complete(cart.id)
      expect(done.type).toBe("order")
      return done.order
    }

    const klarnaActions = async (filters: Record<string, unknown>) =>
      (await (getContainer().resolve(KLARNA_MODULE) as any).listKlarnaActions(filters, {
        order: { created_at: "ASC" },
      })) as any[]

    /** a fresh capture of 10.00 SEK on order A (by amount) through the admin route */
    const captureTen = async () => {
      const res = await post(`/admin/klarna/orders/${orderA.id}/captures`, { amount: 10 })
      expect(res.status).toBe(201)
      return res.data.capture_record as { id: string; klarna_capture_id: string }
    }

    beforeAll(async () => {
      const container = getContainer()
      store = await seedKlarnaStore(container, {
        providerIds: ["pp_klarna_klarna", "pp_klarna_nordics", "pp_system_default"],
      })
      admin = await createAdminHeaders(container, api)

      const a = await checkoutWith("pp_klarna_klarna", [
        { sku: "JACKET-M", quantity: 1 },
        { sku: "SCARF-GREY", quantity: 3 },
      ])
      const pa = await klarnaPayment(a.id)
      orderA = {
        id: a.id,
        klarna_order_id: pa.payment_collections[0].payments[0].data.order_id,
        items: Object.fromEntries(pa.items.map((i: any) => [i.variant_sku, i.id])),
      }
      const n = await checkoutWith("pp_klarna_nordics", [{ sku: "STICKER-1", quantity: 2 }])
      orderN = {
        id: n.id,
        klarna_order_id: (await klarnaPayment(n.id)).payment_collections[0].payments[0].data.order_id,
      }
      systemOrderId = (await checkoutWith("pp_system_default", [{ sku: "STICKER-1", quantity: 1 }])).id

      // first capture of order A: one scarf (+ shipping, the first capture takes it)
      const res = await post(`/admin/klarna/orders/${orderA.id}/captures`, {
        items: [{ line_item_id: orderA.items["SCARF-GREY"], quantity: 1 }],
        description: "First scarf",
      })
      expect(res.status).toBe(201)
      firstCapture = { record_id: res.data.capture_record.id, capture_id: res.data.capture_record.klarna_capture_id }
    })

    beforeEach(async () => {
      await emulator.clearFaults()
      await emulator.clearRequests()
    })

    // ------------------------------------------------------------------------------------------
    describe("auth", () => {
      it("answers 401 without admin auth on every route, and calls Klarna for none", async () => {
        const c = `/admin/klarna/orders/${orderA.id}/captures/${firstCapture.capture_id}`
        const routes: ["get" | "post", string, unknown?][] = [
          ["get", `/admin/klarna/orders/${orderA.id}`],
          ["get", `/admin/klarna/orders/${orderA.id}/captures`],
          ["post", `/admin/klarna/orders/${orderA.id}/captures`, { amount: 1 }],
          ["get", c],
          ["get", `${c}/extend-due-date-options`],
          ["post", `${c}/extend-due-date`, { number_of_days: 14 }],
          ["post", `${c}/shipping-info`, { shipping_info: [{ shipping_method: "Home" }] }],
          ["post", `${c}/trigger-send-out`],
          ["post", `/admin/klarna/orders/${orderA.id}/retry-captures`],
        ]
        for (const [method, path, body] of routes) {
          for (const headers of [{}, { authorization: "Bearer not-a-token" }] as Record<string, string>[]) {
            const res = await call(method, path, body, headers)
            expect({ path, method, status: res.status }).toEqual({ path, method, status: 401 })
          }
        }
        // a store publishable key is no admin credential
        const res = await get(`/admin/klarna/orders/${orderA.id}`, { "x-publishable-api-key": store.publishable_key })
        expect(res.status).toBe(401)
        expect(await emulator.requests(OM)).toHaveLength(0)
      })
    })

    // ------------------------------------------------------------------------------------------
    describe("reads", () => {
      it("GET order: Klarna's order with amounts in minor and major units, capture records, actions", async () => {
        const res = await get(`/admin/klarna/orders/${orderA.id}`)
        expect(res.status).toBe(200)
        const ko = await emulator.order(orderA.klarna_order_id)
        const { klarna_order } = res.data
        expect(klarna_order).toMatchObject({
          order_id: orderA.klarna_order_id,
          status: "PART_CAPTURED",
          fraud_status: "ACCEPTED",
          klarna_reference: ko.klarna_reference,
          currency_code: "sek",
          expires_at: ko.expires_at,
          created_at: ko.created_at,
          initial_payment_method: expect.objectContaining({ type: "INVOICE" }),
        })
        // 1299 + 3 × 33.33 + 49 shipping = 1447.99 SEK; first capture: 33.33 + 49 = 82.33
        expect(klarna_order.amounts).toEqual({
          order_amount: { minor: 144799, major: 1447.99 },
          captured_amount: { minor: 8233, major: 82.33 },
          refunded_amount: { minor: 0, major: 0 },
          remaining_authorized_amount: { minor: 136566, major: 1365.66 },
        })
        expect(ko.order_amount).toBe(144799)
        expect(ko.captured_amount).toBe(8233)
        expect(res.data.provider_id).toBe("pp_klarna_klarna")
        expect(res.data.payment_id).toMatch(/^pay_/)
        expect(res.data.captures).toEqual([
          expect.objectContaining({ capture_id: firstCapture.capture_id, captured_amount: 8233 }),
        ])
        expect(res.data.capture_records).toEqual([
          expect.objectContaining({
            id: firstCapture.record_id,
            status: "succeeded",
            amount: 8233,
            currency_code: "sek",
            klarna_capture_id: firstCapture.capture_id,
            attempts: 1,
            last_error: null,
            description: "First scarf",
            created_by: admin.userId,
            items: expect.arrayContaining([{ line_item_id: orderA.items["SCARF-GREY"], quantity: 1 }]),
          }),
        ])
        expect(Object.keys(res.data.capture_records[0]).sort()).toEqual(
          [
            "id",
            "status",
            "amount",
            "currency_code",
            "fulfillment_id",
            "klarna_capture_id",
            "attempts",
            "last_error",
            "shipping_info",
            "items",
            "description",
            "created_by",
            "created_at",
            "updated_at",
          ].sort()
        )
        expect(res.data.actions).toEqual([
          expect.objectContaining({
            action: "capture",
            actor_id: admin.userId,
            outcome: "succeeded",
            klarna_capture_id: firstCapture.capture_id,
          }),
        ])
        const log = await emulator.requests(OM)
        expect(log.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${OM}${orderA.klarna_order_id}`])
        expect(log[0].username).toBe(KLARNA_TEST_USERNAME)
      })

      it("GET order: unknown order and an order not paid with Klarna are 404 not_found, without a Klarna call", async () => {
        for (const id of ["order_does_not_exist", systemOrderId]) {
          const res = await get(`/admin/klarna/orders/${id}`)
          expect(res.status).toBe(404)
          expect(res.data.type).toBe("not_found")
          expect(res.data.message).toContain(id)
        }
        expect(await emulator.requests(OM)).toHaveLength(0)
      })

      it("GET captures and one capture: Klarna's capture objects", async () => {
        const list = await get(`/admin/klarna/orders/${orderA.id}/captures`)
        expect(list.status).toBe(200)
        const ko = await emulator.order(orderA.klarna_order_id)
        expect(list.data.captures.map((c: any) => c.capture_id)).toEqual(ko.captures.map((c: any) => c.capture_id))
        expect(list.data.captures).toContainEqual(
          expect.objectContaining({
            capture_id: firstCapture.capture_id,
            captured_amount: 8233,
            description: "First scarf",
          })
        )
        const one = await get(`/admin/klarna/orders/${orderA.id}/captures/${firstCapture.capture_id}`)
        expect(one.status).toBe(200)
        expect(one.data.capture).toMatchObject({ capture_id: firstCapture.capture_id, captured_amount: 8233 })
        expect(one.data.capture.order_lines.map((l: any) => l.reference)).toEqual(
          expect.arrayContaining(["SCARF-GREY"])
        )
        expect((await emulator.requests(OM)).map((r) => `${r.method} ${r.path}`)).toEqual([
          `GET ${OM}${orderA.klarna_order_id}/captures`,
          `GET ${OM}${orderA.klarna_order_id}/captures/${firstCapture.capture_id}`,
        ])
      })

      it("GET an unknown capture: Klarna's 404 NO_SUCH_CAPTURE reaches the caller with its correlation id", async () => {
        const res = await get(`/admin/klarna/orders/${orderA.id}/captures/00000000-0000-4000-8000-000000000000`)
        expect(res.status).toBe(404)
        expect(res.data).toMatchObject({
          type: "not_found",
          klarna: { http_status: 404, error_code: "NO_SUCH_CAPTURE", correlation_id: expect.stringMatching(/\S{8,}/) },
        })
        expect(res.data.message).toContain("NO_SUCH_CAPTURE")
      })

      it("GET extend-due-date options: Klarna's offer with fees", async () => {
        const res = await get(
          `/admin/klarna/orders/${orderA.id}/captures/${firstCapture.capture_id}/extend-due-date-options`
        )
        expect(res.status).toBe(200)
        const direct = await fetch(
          `${env.emulatorUrl}${OM}${orderA.klarna_order_id}/captures/${firstCapture.capture_id}/extend-due-date-options`,
          {
            headers: {
              authorization: `Basic ${Buffer.from(`${KLARNA_TEST_USERNAME}:${KLARNA_TEST_PASSWORD}`).toString("base64")}`,
            },
          }
        ).then((r) => r.json())
        expect(direct.options.length).toBeGreaterThan(0)
        expect(res.data).toEqual({ extend_due_date_options: { currency: direct.currency, options: direct.options } })
        expect(res.data.extend_due_date_options.options[0]).toEqual({
          number_of_days: expect.any(Number),
          amount: expect.any(Number),
        })
      })
    })

    // ------------------------------------------------------------------------------------------
    describe("capture actions", () => {
      it("extends a capture's due date by an offered number of days, attributed to the admin", async () => {
        const cap = await captureTen()
        await emulator.clearRequests()
        const res = await post(`/admin/klarna/orders/${orderA.id}/captures/${cap.klarna_capture_id}/extend-due-date`, {
          number_of_days: 14,
        })
        expect(res.status).toBe(200)
        expect(res.data.capture).toMatchObject({ capture_id: cap.klarna_capture_id, captured_amount: 1000 })
        const ko = await emulator.order(orderA.klarna_order_id)
        expect(ko.captures.find((c: any) => c.capture_id === cap.klarna_capture_id).due_date_extended_days).toBe(14)
        const log = await emulator.requests(OM)
        expect(log.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
          `PATCH ${OM}${orderA.klarna_order_id}/captures/${cap.klarna_capture_id}/extend-due-date 204`,
          `GET ${OM}${orderA.klarna_order_id}/captures/${cap.klarna_capture_id} 200`,
        ])
        expect(log[0].body).toEqual({ number_of_days: 14 })
        expect(log[0].headers["klarna-idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/)
        const actions = await klarnaActions({ order_id: orderA.id, action: "extend_due_date" })
        expect(actions).toEqual([
          expect.objectContaining({
            klarna_order_id: orderA.klarna_order_id,
            klarna_capture_id: cap.klarna_capture_id,
            actor_id: admin.userId,
            outcome: "succeeded",
            details: expect.objectContaining({
              number_of_days: 14,
              idempotency_key: log[0].headers["klarna-idempotency-key"],
            }),
          }),
        ])
      })

      it("extend-due-date with days Klarna does not offer: Klarna's refusal → 422 with code and correlation id, recorded as failed", async () => {
        const cap = await captureTen()
        await emulator.clearRequests()
        const res = await post(`/admin/klarna/orders/${orderA.id}/captures/${cap.klarna_capture_id}/extend-due-date`, {
          number_of_days: 7,
        })
        expect(res.status).toBe(422)
        expect(res.data).toMatchObject({
          type: "klarna_error",
          klarna: { http_status: 403, error_code: "NOT_ALLOWED", correlation_id: expect.stringMatching(/\S{8,}/) },
        })
        expect(res.data.klarna.error_messages.join(" ")).toContain("number_of_days 7")
        expect(res.data.message).toContain(res.data.klarna.correlation_id)
        // sent to Klarna (it decides what is offered), not re-read after the refusal
        expect((await emulator.requests(OM)).map((r) => `${r.method} ${r.status}`)).toEqual(["PATCH 403"])
        const ko = await emulator.order(orderA.klarna_order_id)
        expect(
          ko.captures.find((c: any) => c.capture_id === cap.klarna_capture_id).due_date_extended_days
        ).toBeUndefined()
        const [action] = await klarnaActions({ order_id: orderA.id, action: "extend_due_date" })
        expect(action).toMatchObject({
          actor_id: admin.userId,
          outcome: "failed",
          details: expect.objectContaining({
            number_of_days: 7,
            error: expect.objectContaining({
              status: 403,
              error_code: "NOT_ALLOWED",
              correlation_id: res.data.klarna.correlation_id,
            }),
          }),
        })
      })

      it("adds shipping info to a capture", async () => {
        const cap = await captureTen()
        await emulator.clearRequests()
        const info = {
          shipping_company: "PostNord",
          shipping_method: "PickUpPoint",
          tracking_number: "PN123456789SE",
          tracking_uri: "https://tracking.postnord.com/?id=PN123456789SE",
        }
        const res = await post(`/admin/klarna/orders/${orderA.id}/captures/${cap.klarna_capture_id}/shipping-info`, {
          shipping_info: [info],
        })
        expect(res.status).toBe(200)
        expect(res.data.capture.capture_id).toBe(cap.klarna_capture_id)
        expect(res.data.capture.shipping_info).toEqual([info])
        const ko = await emulator.order(orderA.klarna_order_id)
        expect(ko.captures.find((c: any) => c.capture_id === cap.klarna_capture_id).shipping_info).toEqual([info])
        const [post1] = await emulator.requests(
          `${OM}${orderA.klarna_order_id}/captures/${cap.klarna_capture_id}/shipping-info`
        )
        expect(post1).toMatchObject({ method: "POST", status: 204, body: { shipping_info: [info] } })
        expect(await klarnaActions({ order_id: orderA.id, action: "add_shipping_info" })).toEqual([
          expect.objectContaining({
            actor_id: admin.userId,
            outcome: "succeeded",
            klarna_capture_id: cap.klarna_capture_id,
          }),
        ])
      })

      it("triggers a send-out; the Idempotency-Key header makes a retried request count once", async () => {
        const path = `/admin/klarna/orders/${orderA.id}/captures/${firstCapture.capture_id}/trigger-send-out`
        const sendOuts = async () =>
          (await emulator.order(orderA.klarna_order_id)).captures.find(
            (c: any) => c.capture_id === firstCapture.capture_id
          ).send_outs
        const before = await sendOuts()
        const res = await post(path)
        expect(res.status).toBe(200)
        expect(res.data).toEqual({ capture_id: firstCapture.capture_id, sent: true })
        expect(await sendOuts()).toBe(before + 1)
        // same Idempotency-Key twice → one Klarna key, one send-out
        const key = { ...admin.headers, "idempotency-key": "resend-2024-05-01-a" }
        expect((await post(path, {}, key)).status).toBe(200)
        expect((await post(path, {}, key)).status).toBe(200)
        expect(await sendOuts()).toBe(before + 2)
        const keys = (await emulator.requests(OM)).map((r) => r.headers["klarna-idempotency-key"])
        expect(keys).toHaveLength(3)
        expect(keys[1]).toBe(keys[2])
        expect(keys[0]).not.toBe(keys[1])
        const actions = await klarnaActions({ order_id: orderA.id, action: "trigger_send_out" })
        expect(actions).toHaveLength(3)
        expect(actions.every((a) => a.actor_id === admin.userId && a.outcome === "succeeded")).toBe(true)
      })

      it("trigger-send-out on an unknown capture: Klarna's 404 NO_SUCH_CAPTURE with correlation id, recorded as failed", async () => {
        const unknown = "11111111-2222-4333-8444-555555555555"
        const res = await post(`/admin/klarna/orders/${orderA.id}/captures/${unknown}/trigger-send-out`)
        expect(res.status).toBe(404)
        expect(res.data).toMatchObject({
          type: "not_found",
          klarna: { http_status: 404, error_code: "NO_SUCH_CAPTURE", correlation_id: expect.stringMatching(/\S{8,}/) },
        })
        expect((await emulator.requests(OM)).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
          `POST ${OM}${orderA.klarna_order_id}/captures/${unknown}/trigger-send-out 404`,
        ])
        expect(await klarnaActions({ order_id: orderA.id, action: "trigger_send_out" })).toEqual([
          expect.objectContaining({
            actor_id: admin.userId,
            outcome: "failed",
            klarna_capture_id: unknown,
            details: expect.objectContaining({
              error: expect.objectContaining({
                error_code: "NO_SUCH_CAPTURE",
                correlation_id: res.data.klarna.correlation_id,
              }),
            }),
          }),
        ])
      })
    })

    // ------------------------------------------------------------------------------------------
    describe("manual capture and retry", () => {
      it("captures by items: exact lines at Klarna, a succeeded record, the capture recorded in Medusa", async () => {
        const before = await emulator.order(orderA.klarna_order_id)
        const res = await post(`/admin/klarna/orders/${orderA.id}/captures`, {
          items: [{ line_item_id: orderA.items["SCARF-GREY"], quantity: 2 }],
          shipping_info: [{ shipping_company: "DHL", shipping_method: "Home", tracking_number: "DHL-1" }],
          description: "Two more scarves",
        })
        expect(res.status).toBe(201)
        const record = res.data.capture_record
        expect(record).toMatchObject({
          status: "succeeded",
          amount: 6666,
          currency_code: "sek",
          created_by: admin.userId,
          description: "Two more scarves",
          items: [{ line_item_id: orderA.items["SCARF-GREY"], quantity: 2 }],
          shipping_info: [{ shipping_company: "DHL", shipping_method: "Home", tracking_number: "DHL-1" }],
        })
        const after = await emulator.order(orderA.klarna_order_id)
        expect(after.captured_amount - before.captured_amount).toBe(6666)
        const kc = after.captures.find((c: any) => c.capture_id === record.klarna_capture_id)
        expect(kc.order_lines).toEqual([
          expect.objectContaining({ reference: "SCARF-GREY", quantity: 2, total_amount: 6666 }),
        ])
        expect(kc.shipping_info).toEqual([
          { shipping_company: "DHL", shipping_method: "Home", tracking_number: "DHL-1" },
        ])
        const capturePosts = await emulator.requests(`${OM}${orderA.klarna_order_id}/captures`)
        expect(capturePosts.filter((r) => r.method === "POST")).toHaveLength(1)
        const payment = (await klarnaPayment(orderA.id)).payment_collections[0].payments[0]
        const captured = (payment.captures ?? []).reduce((s: number, c: any) => s + Number(c.amount), 0)
        expect(captured).toBeCloseTo(82.33 + 66.66, 2)
        expect(await klarnaActions({ order_id: orderA.id, action: "capture" })).toContainEqual(
          expect.objectContaining({
            actor_id: admin.userId,
            outcome: "succeeded",
            klarna_capture_id: record.klarna_capture_id,
          })
        )
      })

      it("captures by amount; one Idempotency-Key sent twice is one capture", async () => {
        const before = await emulator.order(orderA.klarna_order_id)
        const headers = { ...admin.headers, "idempotency-key": "manual-capture-42" }
        const first = await post(`/admin/klarna/orders/${orderA.id}/captures`, { amount: 12.5 }, headers)
        const second = await post(`/admin/klarna/orders/${orderA.id}/captures`, { amount: 12.5 }, headers)
        expect(first.status).toBe(201)
        expect(second.status).toBe(201)
        expect(second.data.capture_record.id).toBe(first.data.capture_record.id)
        expect(first.data.capture_record).toMatchObject({ status: "succeeded", amount: 1250, items: [] })
        const after = await emulator.order(orderA.klarna_order_id)
        expect(after.captured_amount - before.captured_amount).toBe(1250)
        expect(after.captures).toHaveLength(before.captures.length + 1)
        // without the header, the same body is a new intent
        const third = await post(`/admin/klarna/orders/${orderA.id}/captures`, { amount: 12.5 })
        expect(third.status).toBe(201)
        expect(third.data.capture_record.id).not.toBe(first.data.capture_record.id)
        expect((await emulator.order(orderA.klarna_order_id)).captured_amount - before.captured_amount).toBe(2500)
      })

      it("a capture Klarna refuses: 422 with Klarna's code and correlation id and the failed record; retry-captures then captures it", async () => {
        const before = await emulator.order(orderA.klarna_order_id)
        await emulator.fault({
          method: "POST",
          path: `${OM}${orderA.klarna_order_id}/captures`,
          status: 403,
          error_code: "CAPTURE_NOT_ALLOWED",
        })
        const res = await post(`/admin/klarna/orders/${orderA.id}/captures`, { amount: 20 })
        expect(res.status).toBe(422)
        expect(res.data).toMatchObject({
          type: "klarna_error",
          klarna: {
            http_status: 403,
            error_code: "CAPTURE_NOT_ALLOWED",
            correlation_id: expect.stringMatching(/\S{8,}/),
          },
          capture_record: { status: "failed", amount: 2000, created_by: admin.userId },
        })
        expect(res.data.capture_record.last_error).toMatchObject({
          error_code: "CAPTURE_NOT_ALLOWED",
          correlation_id: res.data.klarna.correlation_id,
        })
        expect((await emulator.order(orderA.klarna_order_id)).captured_amount).toBe(before.captured_amount)
        expect(await klarnaActions({ order_id: orderA.id, action: "capture", outcome: "failed" })).toHaveLength(1)

        await emulator.clearRequests()
        const retry = await post(`/admin/klarna/orders/${orderA.id}/retry-captures`)
        expect(retry.status).toBe(200)
        expect(retry.data.capture_records).toEqual([
          expect.objectContaining({
            id: res.data.capture_record.id,
            status: "succeeded",
            amount: 2000,
            klarna_capture_id: expect.any(String),
          }),
        ])
        const after = await emulator.order(orderA.klarna_order_id)
        expect(after.captured_amount - before.captured_amount).toBe(2000)
        const capturePost = (await emulator.requests(`${OM}${orderA.klarna_order_id}/captures`)).find(
          (r) => r.method === "POST"
        )
        expect(capturePost.body).toMatchObject({ captured_amount: 2000 })
        expect(await klarnaActions({ order_id: orderA.id, action: "retry_capture" })).toEqual([
          expect.objectContaining({ actor_id: admin.userId, outcome: "succeeded" }),
        ])
        // nothing left to retry: an empty list
        const again = await post(`/admin/klarna/orders/${orderA.id}/retry-captures`)
        expect(again.status).toBe(200)
        expect(again.data).toEqual({ capture_records: [] })
      })

      it("a capture Klarna cannot take now (more than the remaining authorization) is refused before Klarna with 400", async () => {
        const res = await post(`/admin/klarna/orders/${orderA.id}/captures`, { amount: 100000 })
        expect(res.status).toBe(400)
        expect(res.data.message).toContain("amount")
        expect((await emulator.requests(OM)).filter((r) => r.method !== "GET")).toHaveLength(0)
      })
    })

    // ------------------------------------------------------------------------------------------
    describe("validation", () => {
      const bad: [string, (c: string) => string, unknown, string][] = [
        ["capture: empty body", () => "captures", {}, "items"],
        [
          "capture: items and amount",
          () => "captures",
          { items: [{ line_item_id: "x", quantity: 1 }], amount: 1 },
          "amount",
        ],
        ["capture: unknown field", () => "captures", { amount: 1, captured_amount: 100 }, "captured_amount"],
        ["capture: negative amount", () => "captures", { amount: -5 }, "amount"],
        ["capture: amount as string", () => "captures", { amount: "5" }, "amount"],
        ["capture: empty items", () => "captures", { items: [] }, "items"],
        [
          "capture: fractional quantity",
          () => "captures",
          { items: [{ line_item_id: "x", quantity: 1.5 }] },
          "items[0].quantity",
        ],
        [
          "capture: zero quantity",
          () => "captures",
          { items: [{ line_item_id: "x", quantity: 0 }] },
          "items[0].quantity",
        ],
        ["capture: item without id", () => "captures", { items: [{ quantity: 1 }] }, "items[0].line_item_id"],
        [
          "capture: unknown item field",
          () => "captures",
          { items: [{ line_item_id: "x", quantity: 1, price: 1 }] },
          "price",
        ],
        ["capture: long description", () => "captures", { amount: 1, description: "d".repeat(256) }, "description"],
        [
          "capture: bad shipping method",
          () => "captures",
          { amount: 1, shipping_info: [{ shipping_method: "Drone" }] },
          "shipping_info[0].shipping_method",
        ],
        ["extend: missing days", (c) => `captures/${c}/extend-due-date`, {}, "number_of_days"],
        ["extend: negative days", (c) => `captures/${c}/extend-due-date`, { number_of_days: -14 }, "number_of_days"],
        ["extend: fractional days", (c) => `captures/${c}/extend-due-date`, { number_of_days: 14.5 }, "number_of_days"],
        ["extend: days as string", (c) => `captures/${c}/extend-due-date`, { number_of_days: "14" }, "number_of_days"],
        ["extend: unknown field", (c) => `captures/${c}/extend-due-date`, { number_of_days: 14, fee: 0 }, "fee"],
        ["shipping: missing list", (c) => `captures/${c}/shipping-info`, {}, "shipping_info"],
        ["shipping: empty list", (c) => `captures/${c}/shipping-info`, { shipping_info: [] }, "shipping_info"],
        [
          "shipping: not a list",
          (c) => `captures/${c}/shipping-info`,
          { shipping_info: { shipping_method: "Home" } },
          "shipping_info",
        ],
        [
          "shipping: long company",
          (c) => `captures/${c}/shipping-info`,
          { shipping_info: [{ shipping_company: "c".repeat(101) }] },
          "shipping_info[0].shipping_company",
        ],
        [
          "shipping: long tracking number",
          (c) => `captures/${c}/shipping-info`,
          { shipping_info: [{ tracking_number: "1".repeat(101) }] },
          "shipping_info[0].tracking_number",
        ],
        [
          "shipping: tracking uri not a URL",
          (c) => `captures/${c}/shipping-info`,
          { shipping_info: [{ tracking_uri: "javascript:alert(1)" }] },
          "shipping_info[0].tracking_uri",
        ],
        [
          "shipping: long return uri",
          (c) => `captures/${c}/shipping-info`,
          { shipping_info: [{ return_tracking_uri: `https://t.se/${"x".repeat(1020)}` }] },
          "shipping_info[0].return_tracking_uri",
        ],
        [
          "shipping: long return company",
          (c) => `captures/${c}/shipping-info`,
          { shipping_info: [{ return_shipping_company: "c".repeat(101) }] },
          "shipping_info[0].return_shipping_company",
        ],
        [
          "shipping: bad method in 2nd entry",
          (c) => `captures/${c}/shipping-info`,
          { shipping_info: [{ shipping_method: "Home" }, { shipping_method: "home" }] },
          "shipping_info[1].shipping_method",
        ],
        [
          "shipping: unknown field",
          (c) => `captures/${c}/shipping-info`,
          { shipping_info: [{ shipping_method: "Home", carrier: "x" }] },
          "carrier",
        ],
        ["send-out: a body", (c) => `captures/${c}/trigger-send-out`, { force: true }, "force"],
        ["retry: a body", () => "retry-captures", { order_id: "other" }, "order_id"],
      ]

      it.each(bad)("%s → 400 naming the field, nothing sent to Klarna", async (_name, path, body, field) => {
        const res = await post(`/admin/klarna/orders/${orderA.id}/${path(firstCapture.capture_id)}`, body)
        expect(res.status).toBe(400)
        expect(res.data.type).toBe("invalid_data")
        expect(res.data.message).toContain(field)
        expect(await emulator.requests()).toHaveLength(0)
      })

      it("accepts every Klarna shipping method, including the newer ones", async () => {
        const methods = [
          "PickUpStore",
          "Home",
          "BoxReg",
          "BoxUnreg",
          "PickUpPoint",
          "Own",
          "Postal",
          "DHLPackstation",
          "Digital",
          "Undefined",
          "PickUpWarehouse",
          "ClickCollect",
          "PalletDelivery",
        ]
        const res = await post(`/admin/klarna/orders/${orderA.id}/captures/${firstCapture.capture_id}/shipping-info`, {
          shipping_info: methods.map((shipping_method) => ({ shipping_method })),
        })
        expect(res.status).toBe(200)
        expect(res.data.capture.shipping_info.map((s: any) => s.shipping_method)).toEqual(
          expect.arrayContaining(methods)
        )
      })

      it("an invalid Idempotency-Key header → 400, nothing sent to Klarna", async () => {
        const res = await post(
          `/admin/klarna/orders/${orderA.id}/captures/${firstCapture.capture_id}/trigger-send-out`,
          {},
          {
            ...admin.headers,
            "idempotency-key": "k".repeat(300),
          }
        )
        expect(res.status).toBe(400)
        expect(res.data.message).toContain("Idempotency-Key")
        expect(await emulator.requests()).toHaveLength(0)
      })
    })

    // ------------------------------------------------------------------------------------------
    describe("Klarna unavailable", () => {
      it("Klarna down after the client's retries → 502 with a clear message; 401 from Klarna → 502 naming the credentials", async () => {
        await emulator.fault({ method: "GET", path: `${OM}${orderA.klarna_order_id}`, status: 503, persistent: true })
        const res = await get(`/admin/klarna/orders/${orderA.id}`)
        expect(res.status).toBe(502)
        expect(res.data.type).toBe("klarna_error")
        expect(res.data.message).toMatch(/Klarna is unavailable \(HTTP 503\)/)
        expect(res.data.klarna).toMatchObject({ http_status: 503, correlation_id: expect.any(String) })
        expect((await emulator.requests(OM)).length).toBeGreaterThan(1) // retried
        await emulator.clearFaults()

        await emulator.fault({
          method: "POST",
          path: `${OM}${orderA.klarna_order_id}/captures/*/trigger-send-out`,
          drop_connection: "before",
          persistent: true,
        })
        const dropped = await post(
          `/admin/klarna/orders/${orderA.id}/captures/${firstCapture.capture_id}/trigger-send-out`
        )
        expect(dropped.status).toBe(502)
        expect(dropped.data.message).toContain("could not be reached")
        expect(dropped.data.klarna).toEqual({
          http_status: null,
          error_code: null,
          error_messages: [],
          correlation_id: null,
        })
        await emulator.clearFaults()

        await emulator.fault({ method: "GET", path: `${OM}${orderA.klarna_order_id}/captures`, status: 401 })
        const unauthorized = await get(`/admin/klarna/orders/${orderA.id}/captures`)
        expect(unauthorized.status).toBe(502)
        expect(unauthorized.data.message).toContain("credentials")
        expect(unauthorized.data.klarna.http_status).toBe(401)
      })

      it("a manual capture while Klarna is down → 502, the record kept pending; retry-captures completes it under the same key", async () => {
        const before = await emulator.order(orderA.klarna_order_id)
        await emulator.fault({
          method: "POST",
          path: `${OM}${orderA.klarna_order_id}/captures`,
          status: 503,
          persistent: true,
        })
        const res = await post(`/admin/klarna/orders/${orderA.id}/captures`, { amount: 5 })
        expect(res.status).toBe(502)
        expect(res.data).toMatchObject({
          type: "klarna_error",
          klarna: { http_status: 503 },
          capture_record: { status: "pending", amount: 500, attempts: 1, created_by: admin.userId },
        })
        expect(res.data.message).toContain("pending")
        const tried = (await emulator.requests(`${OM}${orderA.klarna_order_id}/captures`)).filter(
          (r) => r.method === "POST"
        )
        expect(tried.length).toBeGreaterThan(1)
        expect(new Set(tried.map((r) => r.headers["klarna-idempotency-key"])).size).toBe(1)
        expect((await emulator.order(orderA.klarna_order_id)).captured_amount).toBe(before.captured_amount)

        await emulator.clearFaults()
        await emulator.clearRequests()
        const retry = await post(`/admin/klarna/orders/${orderA.id}/retry-captures`)
        expect(retry.status).toBe(200)
        expect(retry.data.capture_records).toEqual([
          expect.objectContaining({ id: res.data.capture_record.id, status: "succeeded", last_error: null }),
        ])
        const [sent] = (await emulator.requests(`${OM}${orderA.klarna_order_id}/captures`)).filter(
          (r) => r.method === "POST"
        )
        expect(sent.headers["klarna-idempotency-key"]).toBe(tried[0].headers["klarna-idempotency-key"])
        expect((await emulator.order(orderA.klarna_order_id)).captured_amount - before.captured_amount).toBe(500)
      })
    })

    // ------------------------------------------------------------------------------------------
    describe("two provider instances", () => {
      it("each order is handled with the credentials of the provider that authorized it", async () => {
        const n = await get(`/admin/klarna/orders/${orderN.id}`)
        expect(n.status).toBe(200)
        expect(n.data.provider_id).toBe("pp_klarna_nordics")
        expect(n.data.klarna_order.order_id).toBe(orderN.klarna_order_id)
        const cap = await post(`/admin/klarna/orders/${orderN.id}/captures`, { amount: 0.99 })
        expect(cap.status).toBe(201)
        const send = await post(
          `/admin/klarna/orders/${orderN.id}/captures/${cap.data.capture_record.klarna_capture_id}/trigger-send-out`
        )
        expect(send.status).toBe(200)
        const a = await get(`/admin/klarna/orders/${orderA.id}`)
        expect(a.status).toBe(200)
        expect(a.data.provider_id).toBe("pp_klarna_klarna")

        const nordicsCalls = await emulator.requests(`${OM}${orderN.klarna_order_id}`)
        const klarnaCalls = await emulator.requests(`${OM}${orderA.klarna_order_id}`)
        expect(nordicsCalls.map((r) => r.method)).toEqual(expect.arrayContaining(["GET", "POST"]))
        expect(nordicsCalls.every((r) => r.username === NORDICS_USERNAME && r.status < 400)).toBe(true)
        expect(klarnaCalls.length).toBeGreaterThan(0)
        expect(klarnaCalls.every((r) => r.username === KLARNA_TEST_USERNAME)).toBe(true)
        // the accounts are separate merchants: the default account cannot see the nordics order
        const other = await fetch(`${env.emulatorUrl}${OM}${orderN.klarna_order_id}`, {
          headers: {
            authorization: `Basic ${Buffer.from(`${KLARNA_TEST_USERNAME}:${KLARNA_TEST_PASSWORD}`).toString("base64")}`,
          },
        })
        expect(other.status).toBe(404)
        expect(await klarnaActions({ order_id: orderN.id })).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              action: "capture",
              actor_id: admin.userId,
              details: expect.objectContaining({ provider_id: "pp_klarna_nordics" }),
            }),
            expect.objectContaining({ action: "trigger_send_out", actor_id: admin.userId }),
          ])
        )
      })
    })

    // ------------------------------------------------------------------------------------------
    describe("credentials", () => {
      it("no admin response in this file contained a Klarna credential", async () => {
        // run last: the earlier tests filled `bodies` with every response (successes and errors)
        expect(bodies.length).toBeGreaterThan(60)
        expect(bodies.some((b) => b.includes("klarna_error"))).toBe(true)
        for (const secret of SECRETS) {
          expect(bodies.filter((b) => b.includes(secret))).toEqual([])
        }
      })
    })
  },
})
