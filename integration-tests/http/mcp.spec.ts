import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import type { Client } from "@modelcontextprotocol/sdk/client/index.js"
import type { SeededStore } from "../../scripts/seed/seed-store"
import { KLARNA_MODULE } from "../../src/modules/klarna"
import { createAdminHeaders } from "../helpers/admin"
import { emulatorApi } from "../helpers/emulator-api"
import { KLARNA_TEST_PASSWORD, KLARNA_TEST_USERNAME, useKlarnaTestEnv } from "../helpers/klarna-env"
import { closeMcpClientsAfterEach, connectMcp, errorOf, MCP_TOOLS, okOf, placeOrders } from "../helpers/mcp"

jest.setTimeout(180_000)

const env = useKlarnaTestEnv()
const emulator = emulatorApi(() => env.emulatorUrl)
const OM = "/ordermanagement/v1/orders/"
const SECRETS = [
  KLARNA_TEST_PASSWORD,
  Buffer.from(`${KLARNA_TEST_USERNAME}:${KLARNA_TEST_PASSWORD}`).toString("base64"),
]

const TOOLS = MCP_TOOLS
const mcpUrl = () => new URL(`${env.medusaUrl}/admin/klarna/mcp`)
const connect = (headers: Record<string, string>) => connectMcp(mcpUrl(), headers)
closeMcpClientsAfterEach()

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let admin: { userId: string; headers: Record<string, string> }
    let apiKey: { id: string; headers: Record<string, string> }
    let store: SeededStore
    let place: Awaited<ReturnType<typeof placeOrders>>["place"]
    let orderA: Awaited<ReturnType<typeof place>>
    let firstCapture: { record_id: string; capture_id: string }
    let mcp: Client
    /** every tool result text in this file: none may contain a credential */
    const texts: string[] = []

    const call = async (name: string, args: Record<string, unknown>, client = mcp) => {
      const res: any = await client.callTool({ name, arguments: args })
      texts.push(JSON.stringify(res))
      return res
    }
    const klarnaActions = async (filters: Record<string, unknown>) =>
      (await (getContainer().resolve(KLARNA_MODULE) as any).listKlarnaActions(filters, {
        order: { created_at: "ASC" },
      })) as any[]

    beforeAll(async () => {
      const placed = await placeOrders(api, getContainer, emulator)
      store = placed.store
      place = placed.place
      admin = await createAdminHeaders(getContainer(), api)
      // a secret API key, sent the way Medusa accepts it: HTTP Basic with the key as user name
      const { data } = await api.post(
        "/admin/api-keys",
        { title: "MCP agent", type: "secret" },
        { headers: admin.headers }
      )
      apiKey = {
        id: data.api_key.id,
        headers: { authorization: `Basic ${Buffer.from(`${data.api_key.token}:`).toString("base64")}` },
      }
      orderA = await place([
        { sku: "JACKET-M", quantity: 1 },
        { sku: "SCARF-GREY", quantity: 3 },
      ])
      const res = await api.post(
        `/admin/klarna/orders/${orderA.id}/captures`,
        { items: [{ line_item_id: orderA.items["SCARF-GREY"], quantity: 1 }], description: "First scarf" },
        { headers: admin.headers }
      )
      expect(res.status).toBe(201)
      firstCapture = { record_id: res.data.capture_record.id, capture_id: res.data.capture_record.klarna_capture_id }
    })

    beforeEach(async () => {
      await emulator.clearFaults()
      mcp = await connect(admin.headers)
      await emulator.clearRequests()
    })

    // ------------------------------------------------------------------------------------------
    describe("transport and auth", () => {
      it("answers 401 without admin credentials, with a bad token and with a publishable key; no Klarna call", async () => {
        const unauthorized: Record<string, string>[] = [
          {},
          { authorization: "Bearer not-a-token" },
          { "x-publishable-api-key": store.publishable_key },
        ]
        for (const headers of unauthorized) {
          const res = await fetch(mcpUrl(), {
            method: "POST",
            headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
            body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
          })
          expect(res.status).toBe(401)
          await expect(connect(headers)).rejects.toThrow(/401|Unauthorized/)
        }
        expect(await emulator.requests()).toHaveLength(0)
      })

      it("is stateless: no session id; GET and DELETE answer 405", async () => {
        const init = await fetch(mcpUrl(), {
          method: "POST",
          headers: {
            ...admin.headers,
            "content-type": "application/json",
            accept: "application/json, text/event-stream",
          },
          body: JSON.stringify({
            jsonrpc: "2.0",
            id: 1,
            method: "initialize",
            params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
          }),
        })
        expect(init.status).toBe(200)
        expect(init.headers.get("mcp-session-id")).toBeNull()
        expect((await init.json()).result.serverInfo.name).toBe("medusa-klarna")
        for (const method of ["GET", "DELETE"]) {
          const res = await fetch(mcpUrl(), { method, headers: { ...admin.headers, accept: "text/event-stream" } })
          expect(res.status).toBe(405)
          expect(res.headers.get("allow")).toBe("POST")
        }
      })

      it("tools/list: every tool with titles, descriptions, JSON schemas and hints", async () => {
        const { tools } = await mcp.listTools()
        expect(tools.map((t) => t.name).sort()).toEqual(Object.keys(TOOLS).sort())
        for (const t of tools) {
          expect({ name: t.name, annotations: t.annotations }).toEqual({
            name: t.name,
            annotations: {
              title: t.title,
              readOnlyHint: TOOLS[t.name].readOnly,
              idempotentHint: TOOLS[t.name].idempotent,
              destructiveHint: false,
              openWorldHint: true,
            },
          })
          expect(t.title!.length).toBeGreaterThan(10)
          expect(t.description!.length).toBeGreaterThan(80)
          expect(t.inputSchema.type).toBe("object")
          expect(t.outputSchema?.type).toBe("object")
          expect((t.inputSchema as any).additionalProperties).toBe(false)
          // tools about one order take it as order_id; the attention scan and the payout tools span orders
          if (!["klarna-find-orders-needing-attention", "klarna-list-payouts", "klarna-get-payout"].includes(t.name)) {
            expect(t.inputSchema.required).toContain("order_id")
            expect((t.inputSchema.properties as any).order_id.description).toContain("#1042")
          }
          const mutating = !TOOLS[t.name].readOnly && t.name !== "klarna-retry-captures"
          expect({ name: t.name, key: "idempotency_key" in (t.inputSchema.properties ?? {}) }).toEqual({
            name: t.name,
            key: mutating,
          })
        }
        const byName = Object.fromEntries(tools.map((t) => [t.name, t]))
        const capture = byName["klarna-capture-order"].inputSchema.properties as any
        expect(capture.items).toMatchObject({
          type: "array",
          minItems: 1,
          maxItems: 1000,
          items: {
            type: "object",
            required: ["line_item_id", "quantity"],
            properties: { line_item_id: { type: "string", maxLength: 255 }, quantity: { type: "integer", minimum: 1 } },
          },
        })
        expect(capture.amount.type).toBe("number")
        expect(capture.description).toMatchObject({ type: "string", maxLength: 255 })
        const shipping = (byName["klarna-add-shipping-information"].inputSchema.properties as any).shipping_info
        expect(shipping).toMatchObject({
          type: "array",
          minItems: 1,
          maxItems: 500,
          items: { type: "object", additionalProperties: false },
        })
        expect(shipping.items.properties.shipping_method.enum).toEqual(
          expect.arrayContaining(["Home", "PickUpPoint", "PalletDelivery"])
        )
        expect(shipping.items.properties.tracking_uri.maxLength).toBe(1024)
        expect(byName["klarna-extend-payment-due-date"].inputSchema.required).toEqual(
          expect.arrayContaining(["order_id", "capture_id", "number_of_days"])
        )
        expect(
          (byName["klarna-find-orders-needing-attention"].inputSchema.properties as any).expiring_within_days
        ).toMatchObject({
          type: "integer",
          default: 7,
          maximum: 60,
        })
        expect(byName["klarna-get-order"].outputSchema!.required).toEqual(
          expect.arrayContaining(["medusa_order", "klarna_order", "capture_records", "actions"])
        )
        expect(await emulator.requests()).toHaveLength(0)
      })
    })

    // ------------------------------------------------------------------------------------------
    describe("read tools", () => {
      it("klarna-get-order by display id (#N and N) and by id: Klarna's order, records, actions, line items", async () => {
        const byHash = okOf(await call("klarna-get-order", { order_id: `#${orderA.display_id}` }))
        const s = byHash.structuredContent
        const ko = await emulator.order(orderA.klarna_order_id)
        expect(s.klarna_order).toMatchObject({
          order_id: orderA.klarna_order_id,
          status: "PART_CAPTURED",
          fraud_status: "ACCEPTED",
          expires_at: ko.expires_at,
          amounts: { order_amount: { minor: 144799, major: 1447.99 }, captured_amount: { minor: 8233, major: 82.33 } },
        })
        expect(s.provider_id).toBe("pp_klarna_klarna")
        expect(s.medusa_order).toMatchObject({ id: orderA.id, display_id: orderA.display_id })
        expect(s.medusa_order.items).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              id: orderA.items["SCARF-GREY"],
              variant_sku: "SCARF-GREY",
              quantity: 3,
              captured_quantity: 1,
            }),
            expect.objectContaining({ id: orderA.items["JACKET-M"], quantity: 1, captured_quantity: 0 }),
          ])
        )
        expect(s.capture_records).toEqual([
          expect.objectContaining({ id: firstCapture.record_id, status: "succeeded", amount: 8233 }),
        ])
        expect(s.actions).toEqual([expect.objectContaining({ action: "capture", actor_id: admin.userId })])
        expect(byHash.content[0].text).toContain("PART_CAPTURED")
        expect(JSON.parse(byHash.content[0].text.split("\n").slice(1).join("\n"))).toEqual(s)

        const byNumber = await call("klarna-get-order", { order_id: String(orderA.display_id) })
        const byId = await call("klarna-get-order", { order_id: orderA.id })
        expect(byNumber.structuredContent.klarna_order.order_id).toBe(orderA.klarna_order_id)
        expect(byId.structuredContent.medusa_order.id).toBe(orderA.id)
        const log = await emulator.requests(OM)
        expect(log.map((r) => `${r.method} ${r.path}`)).toEqual(Array(3).fill(`GET ${OM}${orderA.klarna_order_id}`))
        expect(log.every((r) => r.username === KLARNA_TEST_USERNAME)).toBe(true)
      })

      it("an unknown order, or one not paid with Klarna, is a not_found tool error without a Klarna call", async () => {
        const other = await call("klarna-get-order", { order_id: "#999999" })
        expect(errorOf(other)).toMatchObject({
          message: "Order #999999 not found",
          details: { error: { type: "not_found" } },
        })
        const unknownId = await call("klarna-list-all-order-captures", { order_id: "order_01XXXXXXXXXXXXXXXXXXXXXXXX" })
        expect(errorOf(unknownId).message).toContain("not found")
        expect(await emulator.requests()).toHaveLength(0)
      })

      it("klarna-list-all-order-captures and klarna-get-capture-details: Klarna's captures and the plugin's records", async () => {
        const list = await call("klarna-list-all-order-captures", { order_id: orderA.id })
        expect(list.structuredContent.captures).toEqual([
          expect.objectContaining({
            capture_id: firstCapture.capture_id,
            captured_amount: 8233,
            description: "First scarf",
          }),
        ])
        expect(list.structuredContent.capture_records).toEqual([
          expect.objectContaining({ id: firstCapture.record_id, status: "succeeded" }),
        ])
        const one = await call("klarna-get-capture-details", {
          order_id: `#${orderA.display_id}`,
          capture_id: firstCapture.capture_id,
        })
        expect(one.structuredContent.capture).toMatchObject({
          capture_id: firstCapture.capture_id,
          captured_amount: 8233,
        })
        expect(one.structuredContent.capture.order_lines.map((l: any) => l.reference)).toContain("SCARF-GREY")
        expect((await emulator.requests(OM)).map((r) => `${r.method} ${r.path}`)).toEqual([
          `GET ${OM}${orderA.klarna_order_id}/captures`,
          `GET ${OM}${orderA.klarna_order_id}/captures/${firstCapture.capture_id}`,
        ])
      })

      it("an unknown capture: Klarna's NO_SUCH_CAPTURE with its correlation id, as a tool error", async () => {
        const res = await call("klarna-get-capture-details", {
          order_id: orderA.id,
          capture_id: "00000000-0000-4000-8000-000000000000",
        })
        const { message, details } = errorOf(res)
        expect(details.error).toMatchObject({
          type: "not_found",
          http_status: 404,
          error_code: "NO_SUCH_CAPTURE",
          correlation_id: expect.stringMatching(/\S{8,}/),
        })
        expect(message).toContain("NO_SUCH_CAPTURE")
      })

      it("klarna-list-options-extension-payment: Klarna's offer with fees", async () => {
        const res = await call("klarna-list-options-extension-payment", {
          order_id: orderA.id,
          capture_id: firstCapture.capture_id,
        })
        const [req] = await emulator.requests(OM)
        expect(req.path).toBe(
          `${OM}${orderA.klarna_order_id}/captures/${firstCapture.capture_id}/extend-due-date-options`
        )
        expect(res.structuredContent.options.length).toBeGreaterThan(0)
        expect(res.structuredContent.options[0]).toEqual({
          number_of_days: expect.any(Number),
          amount: expect.any(Number),
        })
        expect(res.structuredContent.currency).toBe("SEK")
        expect(res.content[0].text).toContain(`${res.structuredContent.options[0].number_of_days} days`)
      })
    })

    // ------------------------------------------------------------------------------------------
    describe("capture tools", () => {
      /** a fresh 10.00 SEK capture of order A through the MCP tool */
      const captureTen = async (client = mcp) => {
        const res = await call("klarna-capture-order", { order_id: orderA.id, amount: 10 }, client)
        expect(res.isError).toBeFalsy()
        return res.structuredContent.capture_record as { id: string; klarna_capture_id: string }
      }

      it("klarna-capture-order by items: exact lines at Klarna, attributed to the admin", async () => {
        const res = await call("klarna-capture-order", {
          order_id: `#${orderA.display_id}`,
          items: [{ line_item_id: orderA.items["SCARF-GREY"], quantity: 2 }],
          shipping_info: [{ shipping_company: "DHL", shipping_method: "Home", tracking_number: "DHL-1" }],
          description: "Two scarves by agent",
        })
        expect(res.isError).toBeFalsy()
        expect(res.structuredContent).toMatchObject({
          order_id: orderA.id,
          outcome: "captured",
          capture_record: {
            status: "succeeded",
            amount: 6666,
            created_by: admin.userId,
            description: "Two scarves by agent",
          },
        })
        expect(res.content[0].text).toContain("Captured 66.66 SEK")
        const posts = (await emulator.requests(`${OM}${orderA.klarna_order_id}/captures`)).filter(
          (r) => r.method === "POST"
        )
        expect(posts).toHaveLength(1)
        expect(posts[0].body).toMatchObject({
          captured_amount: 6666,
          description: "Two scarves by agent",
          order_lines: [expect.objectContaining({ reference: "SCARF-GREY", quantity: 2, total_amount: 6666 })],
          shipping_info: [{ shipping_company: "DHL", shipping_method: "Home", tracking_number: "DHL-1" }],
        })
        expect(await klarnaActions({ order_id: orderA.id, action: "capture", actor_id: admin.userId })).toHaveLength(2)
      })

      it("klarna-capture-order by amount, as a secret API key: one idempotency_key twice is one capture, the key is the actor", async () => {
        const agent = await connect(apiKey.headers)
        const before = await emulator.order(orderA.klarna_order_id)
        const args = { order_id: orderA.id, amount: 12.5, idempotency_key: "agent-capture-1" }
        const first = await call("klarna-capture-order", args, agent)
        const second = await call("klarna-capture-order", args, agent)
        expect(first.structuredContent.capture_record).toMatchObject({
          status: "succeeded",
          amount: 1250,
          created_by: apiKey.id,
        })
        expect(second.structuredContent.capture_record.id).toBe(first.structuredContent.capture_record.id)
        expect((await emulator.order(orderA.klarna_order_id)).captured_amount - before.captured_amount).toBe(1250)
        const posts = (await emulator.requests(`${OM}${orderA.klarna_order_id}/captures`)).filter(
          (r) => r.method === "POST"
        )
        expect(posts).toHaveLength(1)
        expect(posts[0].body).toMatchObject({ captured_amount: 1250 })
        expect(posts[0].body.order_lines).toBeUndefined()
        // each call is attributed (as through the admin API), both to the same capture record
        const actions = await klarnaActions({ order_id: orderA.id, action: "capture", actor_id: apiKey.id })
        expect(actions).toHaveLength(2)
        for (const a of actions) {
          expect(a).toMatchObject({
            outcome: "succeeded",
            details: expect.objectContaining({
              amount: 12.5,
              capture_record_id: first.structuredContent.capture_record.id,
            }),
          })
        }
      })

      it("Klarna refuses a capture: error_code, messages, correlation_id and the failed record; retry-captures runs it again", async () => {
        await emulator.fault({
          method: "POST",
          path: `${OM}${orderA.klarna_order_id}/captures`,
          status: 403,
          error_code: "CAPTURE_NOT_ALLOWED",
        })
        const res = await call("klarna-capture-order", { order_id: orderA.id, amount: 5 })
        const { details } = errorOf(res)
        expect(details.error).toMatchObject({
          type: "klarna_error",
          http_status: 403,
          error_code: "CAPTURE_NOT_ALLOWED",
          correlation_id: expect.any(String),
        })
        expect(details.error.error_messages.length).toBeGreaterThan(0)
        expect(details.capture_record).toMatchObject({
          status: "failed",
          amount: 500,
          last_error: expect.objectContaining({ error_code: "CAPTURE_NOT_ALLOWED" }),
        })
        const [refused] = (await emulator.requests(`${OM}${orderA.klarna_order_id}/captures`)).filter(
          (r) => r.method === "POST"
        )

        await emulator.clearRequests()
        const retry = await call("klarna-retry-captures", { order_id: `#${orderA.display_id}` })
        expect(retry.structuredContent.capture_records).toEqual([
          expect.objectContaining({ id: details.capture_record.id, status: "succeeded", last_error: null }),
        ])
        const [sent] = (await emulator.requests(`${OM}${orderA.klarna_order_id}/captures`)).filter(
          (r) => r.method === "POST"
        )
        expect(sent.headers["klarna-idempotency-key"]).toBe(refused.headers["klarna-idempotency-key"])
        expect(await klarnaActions({ order_id: orderA.id, action: "retry_capture" })).toEqual([
          expect.objectContaining({ actor_id: admin.userId, outcome: "succeeded" }),
        ])
        // nothing left to retry, and retrying again captures nothing twice
        const again = await call("klarna-retry-captures", { order_id: orderA.id })
        expect(again.structuredContent.capture_records).toEqual([])
      })

      it("klarna-extend-payment-due-date: Klarna receives the days; a number Klarna does not offer comes back as NOT_ALLOWED", async () => {
        const cap = await captureTen()
        await emulator.clearRequests()
        const res = await call("klarna-extend-payment-due-date", {
          order_id: orderA.id,
          capture_id: cap.klarna_capture_id,
          number_of_days: 14,
        })
        expect(res.structuredContent.capture).toMatchObject({
          capture_id: cap.klarna_capture_id,
          captured_amount: 1000,
        })
        const log = await emulator.requests(OM)
        expect(log.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
          `PATCH ${OM}${orderA.klarna_order_id}/captures/${cap.klarna_capture_id}/extend-due-date 204`,
          `GET ${OM}${orderA.klarna_order_id}/captures/${cap.klarna_capture_id} 200`,
        ])
        expect(log[0].body).toEqual({ number_of_days: 14 })

        const other = await captureTen()
        await emulator.clearRequests()
        const refused = await call("klarna-extend-payment-due-date", {
          order_id: orderA.id,
          capture_id: other.klarna_capture_id,
          number_of_days: 7,
        })
        const { message, details } = errorOf(refused)
        expect(details.error).toMatchObject({
          http_status: 403,
          error_code: "NOT_ALLOWED",
          correlation_id: expect.stringMatching(/\S{8,}/),
        })
        expect(details.error.error_messages.join(" ")).toContain("number_of_days 7")
        expect(message).toContain(details.error.correlation_id)
        expect((await emulator.requests(OM)).map((r) => `${r.method} ${r.status}`)).toEqual(["PATCH 403"])
        expect(await klarnaActions({ order_id: orderA.id, action: "extend_due_date" })).toEqual([
          expect.objectContaining({
            actor_id: admin.userId,
            outcome: "succeeded",
            details: expect.objectContaining({ number_of_days: 14 }),
          }),
          expect.objectContaining({
            actor_id: admin.userId,
            outcome: "failed",
            details: expect.objectContaining({ number_of_days: 7 }),
          }),
        ])
      })

      it("klarna-add-shipping-information: Klarna receives the entries, the capture is re-read", async () => {
        const cap = await captureTen()
        await emulator.clearRequests()
        const info = {
          shipping_company: "PostNord",
          shipping_method: "PickUpPoint",
          tracking_number: "PN1SE",
          tracking_uri: "https://t.postnord.se/PN1SE",
        }
        const res = await call("klarna-add-shipping-information", {
          order_id: orderA.id,
          capture_id: cap.klarna_capture_id,
          shipping_info: [info],
        })
        expect(res.structuredContent.capture.shipping_info).toEqual([info])
        const [sent] = await emulator.requests(
          `${OM}${orderA.klarna_order_id}/captures/${cap.klarna_capture_id}/shipping-info`
        )
        expect(sent).toMatchObject({ method: "POST", status: 204, body: { shipping_info: [info] } })
        expect(await klarnaActions({ order_id: orderA.id, action: "add_shipping_info" })).toEqual([
          expect.objectContaining({
            actor_id: admin.userId,
            outcome: "succeeded",
            klarna_capture_id: cap.klarna_capture_id,
          }),
        ])
      })

      it("klarna-send-customer-communication: one send-out per intent; the same idempotency_key counts once", async () => {
        const sendOuts = async () =>
          (await emulator.order(orderA.klarna_order_id)).captures.find(
            (c: any) => c.capture_id === firstCapture.capture_id
          ).send_outs
        const before = await sendOuts()
        const args = { order_id: orderA.id, capture_id: firstCapture.capture_id }
        const res = await call("klarna-send-customer-communication", args)
        expect(res.structuredContent).toEqual({
          order_id: orderA.id,
          display_id: orderA.display_id,
          capture_id: firstCapture.capture_id,
          sent: true,
        })
        await call("klarna-send-customer-communication", { ...args, idempotency_key: "resend-1" })
        await call("klarna-send-customer-communication", { ...args, idempotency_key: "resend-1" })
        expect(await sendOuts()).toBe(before + 2)
        const keys = (await emulator.requests(OM))
          .filter((r) => r.path.endsWith("/trigger-send-out"))
          .map((r) => r.headers["klarna-idempotency-key"])
        expect(keys).toHaveLength(3)
        expect(keys[1]).toBe(keys[2])
        expect(keys[0]).not.toBe(keys[1])
        // the same intent through the admin API (Idempotency-Key header) is the same Klarna key
        const http = await api.post(
          `/admin/klarna/orders/${orderA.id}/captures/${firstCapture.capture_id}/trigger-send-out`,
          {},
          {
            headers: { ...admin.headers, "idempotency-key": "resend-1" },
          }
        )
        expect(http.status).toBe(200)
        const last = (await emulator.requests(OM)).filter((r) => r.path.endsWith("/trigger-send-out")).pop()
        expect(last.headers["klarna-idempotency-key"]).toBe(keys[1])
        const unknown = await call("klarna-send-customer-communication", {
          order_id: orderA.id,
          capture_id: "11111111-2222-4333-8444-555555555555",
        })
        expect(errorOf(unknown).details.error).toMatchObject({
          error_code: "NO_SUCH_CAPTURE",
          correlation_id: expect.any(String),
        })
        const actions = await klarnaActions({ order_id: orderA.id, action: "trigger_send_out" })
        expect(actions.map((a) => `${a.actor_id} ${a.outcome}`)).toEqual([
          ...Array(4).fill(`${admin.userId} succeeded`),
          `${admin.userId} failed`,
        ])
      })
    })

    // ------------------------------------------------------------------------------------------
    describe("invalid arguments", () => {
      const bad: [string, string, Record<string, unknown>, string][] = [
        [
          "capture: neither items nor amount",
          "klarna-capture-order",
          { order_id: "#1" },
          "items or amount is required",
        ],
        [
          "capture: both",
          "klarna-capture-order",
          { order_id: "#1", amount: 1, items: [{ line_item_id: "x", quantity: 1 }] },
          "either items or amount",
        ],
        [
          "capture: quantity 0",
          "klarna-capture-order",
          { order_id: "#1", items: [{ line_item_id: "x", quantity: 0 }] },
          "items[0].quantity",
        ],
        [
          "capture: negative amount",
          "klarna-capture-order",
          { order_id: "#1", amount: -3 },
          "amount must be a positive number",
        ],
        [
          "capture: long description",
          "klarna-capture-order",
          { order_id: "#1", amount: 1, description: "d".repeat(256) },
          "description",
        ],
        ["capture: unknown field", "klarna-capture-order", { order_id: "#1", amount: 1, force: true }, "force"],
        [
          "capture: bad idempotency key",
          "klarna-capture-order",
          { order_id: "#1", amount: 1, idempotency_key: "k".repeat(256) },
          "idempotency_key",
        ],
        ["order: not an order reference", "klarna-get-order", { order_id: "cart_123" }, "order_id"],
        ["order: missing", "klarna-get-order", {}, "order_id"],
        [
          "extend: days not an integer",
          "klarna-extend-payment-due-date",
          { order_id: "#1", capture_id: "c", number_of_days: 1.5 },
          "number_of_days must be a positive integer",
        ],
        [
          "shipping: empty list",
          "klarna-add-shipping-information",
          { order_id: "#1", capture_id: "c", shipping_info: [] },
          "shipping_info must have at least 1 entry",
        ],
        [
          "shipping: bad method",
          "klarna-add-shipping-information",
          { order_id: "#1", capture_id: "c", shipping_info: [{ shipping_method: "home" }] },
          "shipping_info[0].shipping_method",
        ],
        [
          "shipping: uri not http",
          "klarna-add-shipping-information",
          { order_id: "#1", capture_id: "c", shipping_info: [{ tracking_uri: "javascript:alert(1)" }] },
          "shipping_info[0].tracking_uri",
        ],
        ["send-out: missing capture id", "klarna-send-customer-communication", { order_id: "#1" }, "capture_id"],
        [
          "find: days too many",
          "klarna-find-orders-needing-attention",
          { expiring_within_days: 365 },
          "expiring_within_days",
        ],
      ]

      it.each(bad)("%s → a tool error naming the field, nothing sent to Klarna", async (_name, tool, args, field) => {
        const res = await call(tool, {
          ...args,
          ...(args.order_id === "#1" ? { order_id: `#${orderA.display_id}` } : {}),
        })
        const { message } = errorOf(res)
        expect(message).toContain(field)
        expect(await emulator.requests()).toHaveLength(0)
        expect(
          await klarnaActions({ order_id: orderA.id, actor_id: admin.userId, action: { $ne: "capture" } })
        ).toHaveLength(0)
      })
    })

    // ------------------------------------------------------------------------------------------
    describe("klarna-find-orders-needing-attention", () => {
      it("lists failed and pending captures, authorizations Klarna says expire soon and pending fraud reviews, most urgent first", async () => {
        // a capture Klarna refused (failed) and one it could not be reached for (pending)
        await emulator.fault({
          method: "POST",
          path: `${OM}${orderA.klarna_order_id}/captures`,
          status: 403,
          error_code: "CAPTURE_NOT_ALLOWED",
        })
        errorOf(await call("klarna-capture-order", { order_id: orderA.id, amount: 3 }))
        const b = await place([{ sku: "STICKER-1", quantity: 1 }])
        await emulator.fault({
          method: "POST",
          path: `${OM}${b.klarna_order_id}/captures`,
          status: 503,
          persistent: true,
        })
        errorOf(await call("klarna-capture-order", { order_id: b.id, amount: 1 }))
        await emulator.clearFaults()
        // an authorization that expires in 2 days (Klarna and the plugin's copy agree) ...
        const c = await place([{ sku: "STICKER-1", quantity: 2 }])
        await emulator.expire(c.klarna_order_id, { in_days: 2 })
        const paymentModule = getContainer().resolve(Modules.PAYMENT)
        const inTwoDays = (await emulator.order(c.klarna_order_id)).expires_at
        await paymentModule.updatePayment({
          id: c.payment.id,
          data: { ...c.payment.data, expires_at: inTwoDays },
        } as any)
        // ... and one the plugin's copy says expires soon but Klarna has extended: Klarna decides
        const d = await place([{ sku: "STICKER-1", quantity: 3 }])
        const soon = new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString()
        await paymentModule.updatePayment({ id: d.payment.id, data: { ...d.payment.data, expires_at: soon } } as any)
        // Klarna's fraud review still pending
        const e = await place([{ sku: "JACKET-M", quantity: 1 }], { fraud_status: "PENDING" })
        await emulator.clearRequests()

        const res = await call("klarna-find-orders-needing-attention", { expiring_within_days: 5 })
        expect(res.isError).toBeFalsy()
        const { orders, total_found, scan } = res.structuredContent
        const byId = Object.fromEntries(orders.map((o: any) => [o.order_id, o]))
        expect(Object.keys(byId).sort()).toEqual([orderA.id, b.id, c.id, e.id].sort())
        expect(total_found).toBe(4)
        expect(byId[orderA.id]).toMatchObject({
          display_id: orderA.display_id,
          reasons: ["capture_failed"],
          failed_captures: [
            expect.objectContaining({
              status: "failed",
              amount: 300,
              last_error: expect.objectContaining({ error_code: "CAPTURE_NOT_ALLOWED" }),
            }),
          ],
        })
        expect(byId[b.id]).toMatchObject({
          reasons: ["capture_pending"],
          pending_captures: [expect.objectContaining({ amount: 100 })],
        })
        expect(byId[c.id]).toMatchObject({
          reasons: ["authorization_expiring"],
          klarna_order_id: c.klarna_order_id,
          authorization: {
            expires_at: inTwoDays,
            days_left: 1,
            status: "AUTHORIZED",
            remaining_authorized_amount: expect.any(Number),
            currency_code: "sek",
          },
        })
        expect(byId[e.id]).toMatchObject({ reasons: ["fraud_pending"], fraud_status: "PENDING" })
        for (const o of orders) expect(o.suggested_next_steps.length).toBeGreaterThan(0)
        expect(orders.map((o: any) => o.order_id)).toEqual([orderA.id, c.id, b.id, e.id])
        expect(scan).toMatchObject({ klarna_lookups: 2, klarna_lookup_errors: 0, truncated: false })
        // Klarna was asked only about the two authorizations the plugin's copy puts in the window
        expect((await emulator.requests(OM)).map((r) => `${r.method} ${r.path}`).sort()).toEqual(
          [`GET ${OM}${c.klarna_order_id}`, `GET ${OM}${d.klarna_order_id}`].sort()
        )
        expect(res.content[0].text).toContain(`#${orderA.display_id}: capture_failed`)

        const limited = await call("klarna-find-orders-needing-attention", { limit: 1 })
        expect(limited.structuredContent.orders.map((o: any) => o.order_id)).toEqual([orderA.id])
        expect(limited.structuredContent.scan.truncated).toBe(true)
      })
    })

    // ------------------------------------------------------------------------------------------
    describe("credentials", () => {
      it("no tool result in this file contained a Klarna credential", async () => {
        expect(texts.length).toBeGreaterThan(30)
        for (const secret of SECRETS) expect(texts.filter((t) => t.includes(secret))).toEqual([])
      })
    })
  },
})
