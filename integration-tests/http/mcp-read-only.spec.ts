import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { KLARNA_MODULE } from "../../src/modules/klarna"
import { createAdminHeaders } from "../helpers/admin"
import { emulatorApi } from "../helpers/emulator-api"
import { useKlarnaTestEnv } from "../helpers/klarna-env"
import { closeMcpClientsAfterEach, connectMcp, errorOf, MCP_READ_TOOLS, okOf, placeOrders } from "../helpers/mcp"

jest.setTimeout(180_000)

// the provider option mcp.read_only, from its env fallback
const env = useKlarnaTestEnv({ KLARNA_MCP_READ_ONLY: "true" })
const emulator = emulatorApi(() => env.emulatorUrl)
closeMcpClientsAfterEach()

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    afterAll(() => {
      delete process.env.KLARNA_MCP_READ_ONLY
    })

    it("read-only mode lists only the read tools, refuses the others without a Klarna call, and still reads", async () => {
      const { place } = await placeOrders(api, getContainer, emulator)
      const admin = await createAdminHeaders(getContainer(), api)
      const order = await place([{ sku: "STICKER-1", quantity: 1 }])
      const client = await connectMcp(new URL(`${env.medusaUrl}/admin/klarna/mcp`), admin.headers)
      const { tools } = await client.listTools()
      expect(tools.map((t) => t.name).sort()).toEqual(MCP_READ_TOOLS)
      expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true)
      await emulator.clearRequests()
      for (const [name, args] of [
        ["klarna-capture-order", { order_id: order.id, amount: 1 }],
        ["klarna-retry-captures", { order_id: order.id }],
        ["klarna-send-customer-communication", { order_id: order.id, capture_id: "c" }],
      ] as const) {
        expect(errorOf(await client.callTool({ name, arguments: args })).message).toContain(`Tool ${name} not found`)
      }
      expect(await emulator.requests()).toHaveLength(0)
      const read: any = okOf(
        await client.callTool({ name: "klarna-get-order", arguments: { order_id: `#${order.display_id}` } })
      )
      expect(read.structuredContent.klarna_order).toMatchObject({
        order_id: order.klarna_order_id,
        status: "AUTHORIZED",
      })
      expect(await (getContainer().resolve(KLARNA_MODULE) as any).listKlarnaActions({ order_id: order.id })).toEqual([])
    })
  },
})
