import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js"
import { errorResult } from "./results"
import { actionTools } from "./tools/action-tools"
import { payoutTools } from "./tools/payout-tools"
import { readTools } from "./tools/read-tools"
import type { KlarnaTool, ToolContext } from "./tools/types"

export const MCP_SERVER_NAME = "medusa-klarna"
export const MCP_SERVER_VERSION = "0.1.0"

const INSTRUCTIONS = `Klarna payments of this Medusa store, with the rights of the admin or API key you connected with.
Name orders by Medusa order id (order_…) or display id (#1042). Amounts from Klarna are integer minor units (13483 = 134.83 SEK); klarna-capture-order's amount is in major units.
Start with klarna-get-order (one order) or klarna-find-orders-needing-attention (the whole store). Capturing moves money: confirm with the user first.
Every change is recorded in the order's Klarna action log under your identity. Klarna's refusals come back as tool errors with error_code, error_messages and correlation_id (quote it to Klarna support).
Refunds, cancellations, order edits and anything outside Klarna are not available here.`

export const allTools: KlarnaTool[] = [...actionTools, ...readTools, ...payoutTools]

/** The tools a connection gets: read-only mode leaves out every tool that changes something. */
export const toolsFor = (readOnly: boolean): KlarnaTool[] => allTools.filter((t) => !readOnly || t.readOnly)

/** A new MCP server for one request (stateless transport), acting for `ctx.actor_id`. */
export function createKlarnaMcpServer(ctx: ToolContext, opts: { readOnly: boolean }): McpServer {
  const server = new McpServer({ name: MCP_SERVER_NAME, version: MCP_SERVER_VERSION }, { instructions: INSTRUCTIONS })
  for (const tool of toolsFor(opts.readOnly)) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.inputSchema,
        outputSchema: tool.outputSchema,
        annotations: {
          title: tool.title,
          readOnlyHint: tool.readOnly,
          idempotentHint: tool.idempotent,
          destructiveHint: false,
          openWorldHint: true,
        },
      },
      async (args: unknown) => {
        try {
          return await tool.run(ctx, args)
        } catch (e) {
          return errorResult(e, ctx.logger)
        }
      }
    )
  }
  return server
}
