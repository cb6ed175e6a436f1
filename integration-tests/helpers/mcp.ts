import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { Client } from "@modelcontextprotocol/sdk/client/index.js"
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js"
import { seedKlarnaStore } from "../../scripts/seed/seed-store"
import type { EmulatorApi } from "./emulator-api"
import { storefront } from "./storefront"

/** The plugin's MCP tools and the hints the issue asks for. */
export const MCP_TOOLS: Record<string, { readOnly: boolean; idempotent: boolean }> = {
  "klarna-capture-order": { readOnly: false, idempotent: false },
  "klarna-list-all-order-captures": { readOnly: true, idempotent: true },
  "klarna-get-capture-details": { readOnly: true, idempotent: true },
  "klarna-extend-payment-due-date": { readOnly: false, idempotent: true },
  "klarna-list-options-extension-payment": { readOnly: true, idempotent: true },
  "klarna-add-shipping-information": { readOnly: false, idempotent: false },
  "klarna-send-customer-communication": { readOnly: false, idempotent: false },
  "klarna-get-order": { readOnly: true, idempotent: true },
  "klarna-find-orders-needing-attention": { readOnly: true, idempotent: true },
  "klarna-retry-captures": { readOnly: false, idempotent: true },
  "klarna-list-payouts": { readOnly: true, idempotent: true },
  "klarna-get-payout": { readOnly: true, idempotent: true },
}
export const MCP_READ_TOOLS = Object.keys(MCP_TOOLS)
  .filter((n) => MCP_TOOLS[n].readOnly)
  .sort()

/** MCP clients of the running test, closed after it */
const clients: Client[] = []

/** The SDK's own client over Streamable HTTP, as an agent connects (headers: the admin credentials). */
export async function connectMcp(url: URL, headers: Record<string, string>): Promise<Client> {
  const client = new Client({ name: "mcp-spec", version: "1.0.0" })
  await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers } }))
  clients.push(client)
  return client
}

export function closeMcpClientsAfterEach() {
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()))
  })
}

/** a successful tool result (a tool error fails the test with its text) */
export const okOf = (res: any) => {
  expect(res.isError ? res.content.map((c: any) => c.text).join("\n") : "ok").toBe("ok")
  return res
}

/** a tool error's text parts: the message, then the JSON details */
export const errorOf = (res: any) => {
  expect(res.isError).toBe(true)
  const [message, details] = res.content.map((c: any) => c.text)
  return { message: message as string, details: details ? JSON.parse(details) : undefined }
}

/** Seeds the store; `place` checks out a Klarna order in it and returns its ids. */
export async function placeOrders(api: any, getContainer: () => any, emulator: EmulatorApi) {
  const store = await seedKlarnaStore(getContainer(), { providerIds: ["pp_klarna_klarna", "pp_system_default"] })
  const shop = storefront(api, () => store)
  const place = async (items: { sku: string; quantity: number }[], opts: { fraud_status?: string } = {}) => {
    const { order } = await shop.checkout(emulator, items, opts)
    expect(order?.id).toBeDefined()
    const { data } = await getContainer()
      .resolve(ContainerRegistrationKeys.QUERY)
      .graph({
        entity: "order",
        fields: [
          "id",
          "display_id",
          "items.id",
          "items.variant_sku",
          "payment_collections.payments.*",
          "payment_collections.payment_sessions.*",
        ],
        filters: { id: order.id },
      })
    const o = data[0] as any
    const pc = o.payment_collections[0]
    return {
      id: o.id as string,
      display_id: o.display_id as number,
      payment: pc.payments[0] as any,
      klarna_order_id: (pc.payments[0]?.data.order_id ?? pc.payment_sessions[0].data.order_id) as string,
      items: Object.fromEntries(o.items.map((i: any) => [i.variant_sku, i.id])) as Record<string, string>,
    }
  }
  return { store, place }
}
