import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js"
import type { z } from "@medusajs/framework/zod"
import { minorToDecimalString } from "../../lib/amounts"

/** One MCP request's context: the container and who is acting (attribution in the action log). */
export interface ToolContext {
  scope: MedusaContainer
  /** req.auth_context.actor_id: the admin user id, or the secret API key id */
  actor_id: string | null
  logger?: Logger
}

/** A tool whose `run` gets its input as `inputSchema` parsed it (the MCP SDK parses before it calls). */
export interface KlarnaTool<Input extends z.ZodType = z.ZodType> {
  name: string
  title: string
  description: string
  /** reads only: the tool is listed in read-only mode */
  readOnly: boolean
  idempotent: boolean
  inputSchema: Input
  outputSchema: z.ZodObject
  run(ctx: ToolContext, args: z.output<Input>): Promise<CallToolResult>
}

export const money = (minor: number | null | undefined, currency: string | null | undefined) =>
  typeof minor === "number" && Number.isSafeInteger(minor) && currency
    ? `${minorToDecimalString(minor, currency)} ${currency.toUpperCase()}`
    : "an unknown amount"

/** "#1042 (order_01…)" for the text a model reads */
export const orderLabel = (o: { id: string; display_id: number | null }) =>
  o.display_id !== null ? `#${o.display_id} (${o.id})` : o.id
