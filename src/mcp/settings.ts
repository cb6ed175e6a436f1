import type { MedusaContainer } from "@medusajs/framework/types"
import { klarnaAdmin } from "./klarna-admin-adapter"

export interface McpSettings {
  enabled: boolean
  read_only: boolean
}

/**
 * The store has one MCP endpoint but may run several Klarna provider instances (merchant
 * accounts), each with its own `mcp` option. The most restrictive setting wins: the endpoint is
 * off if any instance disables it, read-only if any instance asks for it. No Klarna provider → off.
 */
export function combineMcpSettings(perProvider: McpSettings[]): McpSettings {
  if (perProvider.length === 0) return { enabled: false, read_only: true }
  return {
    enabled: perProvider.every((s) => s.enabled),
    read_only: perProvider.some((s) => s.read_only),
  }
}

/** The MCP settings of the enabled Klarna provider instances (their parsed options, validated at boot). */
export async function mcpSettings(scope: MedusaContainer): Promise<McpSettings> {
  const settings: McpSettings[] = []
  for (const id of await klarnaAdmin.enabledKlarnaProviderIds(scope)) {
    try {
      settings.push(klarnaAdmin.providerOptions(scope, id).mcp)
    } catch {
      // an enabled provider row without a loaded instance (removed from medusa-config): not ours to judge
    }
  }
  return combineMcpSettings(settings)
}
