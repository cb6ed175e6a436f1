import { z } from "@medusajs/framework/zod"
import { SHIPPING_METHODS } from "../../lib/klarna/types"

export const CAPTURE_MODES = ["shipment", "fulfillment", "manual"] as const
export type CaptureMode = (typeof CAPTURE_MODES)[number]

const required = (envName: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `is required (or set ${envName})` : "must be a string"

const optionsSchema = z
  .object({
    username: z.string({ error: required("KLARNA_USERNAME") }).min(1, "is required (or set KLARNA_USERNAME)"),
    password: z.string({ error: required("KLARNA_PASSWORD") }).min(1, "is required (or set KLARNA_PASSWORD)"),
    region: z.enum(["eu", "na", "oc"]).default("eu"),
    environment: z.enum(["playground", "production"]).default("playground"),
    base_url: z.string().url().optional(),
    capture_on: z.enum(CAPTURE_MODES).default("shipment"),
    // public URL of this Medusa backend: Klarna calls it back (authorization, fraud notifications)
    callback_base_url: z.string().url().default("http://localhost:9000"),
    locale: z
      .string()
      .regex(/^[a-z]{2}-[A-Z]{2}$/, "must look like en-SE")
      .optional(),
    // product pages for order lines: product_url = product_url_base + product handle
    product_url_base: z.string().url().optional(),
    // shipping option or fulfillment provider id/name → Klarna shipping_company (≤ 100 chars)
    shipping_companies: z.record(z.string(), z.string().min(1).max(100)).default({}),
    default_shipping_method: z.enum(SHIPPING_METHODS).default("Home"),
    auto_extend_authorization: z.boolean().default(true),
    // extend the authorization when it expires within this many days and items are unshipped
    extend_authorization_days_before: z.number().int().min(1).max(27).default(3),
    timeout_ms: z.number().int().min(100).max(120000).default(10000),
    max_retries: z.number().int().min(0).max(10).default(3),
    // client-side limit per Klarna account, so a burst (a warehouse closing its day) earns no 429s
    max_requests_per_second: z.number().positive().max(10000).optional(),
    // payout reconciliation: a capture Klarna has not paid out after this many days is a discrepancy
    payout_overdue_days: z.number().int().min(1).max(365).default(14),
    // the MCP server for AI agents at /admin/klarna/mcp (README "MCP server")
    mcp: z
      .object({ enabled: z.boolean().default(true), read_only: z.boolean().default(false) })
      .strict()
      .default({ enabled: true, read_only: false }),
  })
  .strict()

export type KlarnaProviderOptions = z.output<typeof optionsSchema> & { max_requests_per_second: number }

/** Under Klarna's documented rate limits (50/s playground, 200/s production), with headroom. */
export const DEFAULT_MAX_REQUESTS_PER_SECOND = { playground: 40, production: 160 } as const

const ENV_FALLBACKS: Record<string, string> = {
  username: "KLARNA_USERNAME",
  password: "KLARNA_PASSWORD",
  region: "KLARNA_REGION",
  environment: "KLARNA_ENVIRONMENT",
  base_url: "KLARNA_BASE_URL",
  capture_on: "KLARNA_CAPTURE_ON",
  callback_base_url: "KLARNA_CALLBACK_BASE_URL",
  locale: "KLARNA_LOCALE",
}

const MCP_ENV_FALLBACKS = { enabled: "KLARNA_MCP_ENABLED", read_only: "KLARNA_MCP_READ_ONLY" } as const

/** `mcp.enabled` / `mcp.read_only` unset in the config → KLARNA_MCP_ENABLED / KLARNA_MCP_READ_ONLY ("true" / "false"). */
function mcpFromEnv(raw: unknown, env: Record<string, string | undefined>): unknown {
  const given = raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined
  if (raw !== undefined && !given) return undefined // not an object: the schema names the problem
  const mcp: Record<string, unknown> = { ...(given ?? {}) }
  let fromEnv = false
  for (const [key, envName] of Object.entries(MCP_ENV_FALLBACKS)) {
    const value = env[envName]
    if (mcp[key] !== undefined || value === undefined || value === "") continue
    mcp[key] = value === "true" ? true : value === "false" ? false : value
    fromEnv = true
  }
  return fromEnv ? mcp : undefined
}

/**
 * Options given in medusa-config win; unset ones fall back to their KLARNA_* env var.
 * Throws one Error naming every bad option (never echoing credential values).
 */
export function parseKlarnaOptions(
  raw: Record<string, unknown> | undefined,
  env: Record<string, string | undefined> = process.env
): KlarnaProviderOptions {
  const merged: Record<string, unknown> = { ...(raw ?? {}) }
  for (const [key, envName] of Object.entries(ENV_FALLBACKS)) {
    if ((merged[key] === undefined || merged[key] === "") && env[envName]) merged[key] = env[envName]
  }
  if (merged.callback_base_url === undefined && env.MEDUSA_BACKEND_URL) {
    merged.callback_base_url = env.MEDUSA_BACKEND_URL
  }
  if (merged.max_requests_per_second === undefined && env.KLARNA_MAX_REQUESTS_PER_SECOND) {
    merged.max_requests_per_second = Number(env.KLARNA_MAX_REQUESTS_PER_SECOND)
  }
  const mcp = mcpFromEnv(merged.mcp, env)
  if (mcp) merged.mcp = mcp
  const parsed = optionsSchema.safeParse(merged)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      if (issue.code === "unrecognized_keys") return `unknown option(s) ${issue.keys.join(", ")}`
      const path = issue.path.join(".") || "options"
      return `option "${path}" ${issue.message}`
    })
    throw new Error(`Invalid Klarna provider options: ${problems.join("; ")}`)
  }
  return {
    ...parsed.data,
    max_requests_per_second:
      parsed.data.max_requests_per_second ?? DEFAULT_MAX_REQUESTS_PER_SECOND[parsed.data.environment],
  }
}
