import { z } from "@medusajs/framework/zod"
import { SHIPPING_METHODS, type ShippingInfo } from "../../../lib/klarna/types"
import { medusaId, plainText } from "../../utils/input-rules"

/**
 * Bodies of the admin Klarna routes. Every object is strict (unknown fields → 400) and every
 * message names its field, so a bad request is refused with a 400 before anything reaches Klarna.
 * Length and enum rules are Klarna's (its Order Management API); no text may hold control
 * characters, and ids have their format (src/api/utils/input-rules.ts).
 *
 * Medusa's zod error formatter names top-level fields itself, but reports any wrong type inside an
 * array as "Field 'x, 0, y' is required". Array entries are therefore checked here entry by entry
 * and reported as custom issues whose message carries the full path, e.g.
 * "shipping_info[0].tracking_uri: must be at most 1024 characters".
 */

export { SHIPPING_METHODS }

const text = (max: number) => plainText(max)

const isHttpUrl = (v: string) => {
  try {
    const u = new URL(v)
    return (u.protocol === "http:" || u.protocol === "https:") && !!u.hostname
  } catch {
    return false
  }
}
const uri = () => text(1024).refine(isHttpUrl, { message: "must be an http(s) URL" })

const positiveInt = z
  .number({ error: "must be a number" })
  .refine((n) => Number.isSafeInteger(n) && n > 0, { message: "must be a positive integer" })

export const ShippingInfoEntry = z
  .object({
    shipping_company: text(100).optional(),
    shipping_method: z.enum(SHIPPING_METHODS, { error: `must be one of ${SHIPPING_METHODS.join(", ")}` }).optional(),
    tracking_number: text(100).optional(),
    tracking_uri: uri().optional(),
    return_shipping_company: text(100).optional(),
    return_tracking_number: text(100).optional(),
    return_tracking_uri: uri().optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "must have at least one field" })

export const CaptureItem = z.object({ line_item_id: medusaId(), quantity: positiveInt }).strict()

/** An array whose entries are validated one by one, each problem reported with its full path. */
function listOf<S extends z.ZodType>(field: string, entry: S, min: number, max: number) {
  return z
    .unknown()
    .superRefine((value, ctx) => {
      const fail = (message: string) => ctx.addIssue({ code: "custom", message })
      if (value === undefined) return fail(`${field} is required`)
      if (!Array.isArray(value)) return fail(`${field} must be an array`)
      if (value.length < min) return fail(`${field} must have at least ${min} ${min === 1 ? "entry" : "entries"}`)
      if (value.length > max) return fail(`${field} must have at most ${max} entries`)
      value.forEach((v, i) => {
        const parsed = entry.safeParse(v)
        if (parsed.success) return
        for (const issue of parsed.error.issues) {
          const at = `${field}[${i}]${issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")}`
          if (issue.code === "unrecognized_keys") fail(`${at}: unknown field(s) ${issue.keys.join(", ")}`)
          else fail(`${at}: ${issue.message}`)
        }
      })
    })
    .transform((value) => (value as unknown[]).map((v) => entry.parse(v) as z.output<S>))
}

export const ShippingInfoList = listOf("shipping_info", ShippingInfoEntry, 1, 500)

export const AdminKlarnaCapture = z
  .object({
    items: listOf("items", CaptureItem, 1, 1000).optional(),
    amount: z
      .number({ error: "amount must be a number" })
      .refine((n) => Number.isFinite(n) && n > 0, { message: "amount must be a positive number" })
      .refine((n) => n <= 1e12, { message: "amount is too large" })
      .optional(),
    shipping_info: ShippingInfoList.optional(),
    description: plainText(255, "description").optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.items !== undefined && v.amount !== undefined) {
      ctx.addIssue({ code: "custom", path: ["amount"], message: "Send either items or amount, not both" })
    } else if (v.items === undefined && v.amount === undefined) {
      ctx.addIssue({ code: "custom", path: ["items"], message: "items or amount is required (what to capture)" })
    }
  })
export type AdminKlarnaCaptureType = {
  items?: { line_item_id: string; quantity: number }[]
  amount?: number
  shipping_info?: ShippingInfo[]
  description?: string
}

export const AdminKlarnaExtendDueDate = z
  .object({
    number_of_days: z
      .number({ error: "number_of_days must be a number" })
      .refine((n) => Number.isSafeInteger(n) && n > 0, { message: "number_of_days must be a positive integer" }),
  })
  .strict()
export type AdminKlarnaExtendDueDateType = { number_of_days: number }

export const AdminKlarnaShippingInfo = z.object({ shipping_info: ShippingInfoList }).strict()
export type AdminKlarnaShippingInfoType = { shipping_info: ShippingInfo[] }

/** trigger-send-out and retry-captures take no body: anything in it is refused. */
export const AdminKlarnaEmptyBody = z.object({}).strict()
