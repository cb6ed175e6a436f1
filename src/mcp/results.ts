import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js"
import type { Logger } from "@medusajs/framework/types"
import { klarnaFailureOf, type KlarnaFailure } from "../lib/klarna"
import { klarnaErrorResponse } from "./klarna-admin-adapter"

/**
 * Tool results: a line a model can read, the same data as JSON text (for clients without
 * structured output), and `structuredContent` matching the tool's outputSchema.
 */
export function toolResult(summary: string, structured: Record<string, unknown>): CallToolResult {
  return {
    content: [{ type: "text", text: `${summary}\n${JSON.stringify(structured)}` }],
    structuredContent: structured,
  }
}

/**
 * A tool error (isError). No structuredContent: it would have to match the success outputSchema.
 * `details` goes out as a second JSON text part so a model (or a program) can read the fields.
 */
export function toolError(message: string, details?: Record<string, unknown>): CallToolResult {
  return {
    isError: true,
    content: [
      { type: "text", text: message },
      ...(details ? [{ type: "text" as const, text: JSON.stringify(details) }] : []),
    ],
  }
}

/**
 * Klarna's answer, as the admin API reports it: error_code, error_messages, correlation_id.
 * `failure` may lack its kind (a record's last_error, a workflow's recorded failure).
 */
export function klarnaToolError(failure: Partial<KlarnaFailure>, extra: Record<string, unknown> = {}): CallToolResult {
  const { status, body } = klarnaErrorResponse(failure)
  return toolError(body.message, {
    error: { type: body.type, admin_api_status: status, ...body.klarna },
    ...extra,
  })
}

const MEDUSA_ERRORS: Record<string, string> = {
  not_found: "not_found",
  invalid_data: "invalid_data",
  invalid_argument: "invalid_data",
  not_allowed: "not_allowed",
  conflict: "conflict",
  duplicate_error: "conflict",
}

/**
 * Whatever a workflow threw → a tool error: Klarna's failure with its fields, a MedusaError with
 * its type and message (unknown order, not paid with Klarna, a unit already captured, …).
 * Anything else is logged and reported without internals.
 */
export function errorResult(e: unknown, logger?: Logger): CallToolResult {
  const failure = klarnaFailureOf(e)
  if (failure) return klarnaToolError(failure)
  const err = e as { type?: unknown; message?: unknown }
  const type = typeof err?.type === "string" ? MEDUSA_ERRORS[err.type] : undefined
  if (type && typeof err.message === "string") return toolError(err.message, { error: { type, message: err.message } })
  logger?.error(`Klarna MCP tool failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`)
  return toolError(
    "The tool failed inside the store (see the Medusa server log). Nothing more is known about whether Klarna was called.",
    {
      error: { type: "unexpected_error" },
    }
  )
}
