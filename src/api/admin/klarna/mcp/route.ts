import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js"
import { createKlarnaMcpServer } from "../../../../mcp/server"
import { mcpSettings } from "../../../../mcp/settings"

/**
 * /admin/klarna/mcp — the plugin's MCP server (Streamable HTTP, stateless: a new server and
 * transport per request, no session id). Medusa's admin auth runs first (bearer, session or
 * secret API key; 401 otherwise), so every tool acts as that admin user or API key.
 */

async function enabledSettings(req: AuthenticatedMedusaRequest) {
  const settings = await mcpSettings(req.scope)
  if (!settings.enabled)
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      "The Klarna MCP server is disabled (provider option mcp.enabled)"
    )
  return settings
}

export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const settings = await enabledSettings(req)
  const server = createKlarnaMcpServer(
    {
      scope: req.scope,
      actor_id: req.auth_context?.actor_id ?? null,
      logger: req.scope.resolve(ContainerRegistrationKeys.LOGGER),
    },
    { readOnly: settings.read_only }
  )
  // JSON answers (no SSE): every tool answers in one response, which also suits proxies
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true })
  res.on("close", () => {
    void transport.close()
    void server.close()
  })
  await server.connect(transport)
  // Medusa's body parser has already read the JSON body
  await transport.handleRequest(req, res, req.body)
}

/**
 * GET (a server-to-client event stream) and DELETE (ending a session) belong to stateful
 * servers. This one keeps no session and sends no unsolicited messages, so it answers 405 as the
 * Streamable HTTP spec allows; MCP clients then simply use POST.
 */
const methodNotAllowed = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await enabledSettings(req)
  res.setHeader("Allow", "POST")
  res.status(405).json({
    jsonrpc: "2.0",
    error: { code: -32000, message: "Method not allowed: this MCP server is stateless, use POST" },
    id: null,
  })
}

export const GET = methodNotAllowed
export const DELETE = methodNotAllowed
