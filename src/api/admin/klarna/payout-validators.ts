import { z } from "@medusajs/framework/zod"

/** A query-string integer (query values arrive as strings), within bounds. */
const queryInt = (min: number, max: number, fallback: number) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? undefined : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v),
    z
      .number({ error: "must be an integer" })
      .int("must be an integer")
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`)
      .default(fallback)
  )

/** GET /admin/klarna/payouts: Medusa's list paging, newest payout first. */
export const AdminKlarnaPayoutsQuery = z
  .object({
    limit: queryInt(1, 100, 20),
    offset: queryInt(0, Number.MAX_SAFE_INTEGER, 0),
    status: z
      .enum(["pending", "reconciled", "discrepancies"], { error: "must be pending, reconciled or discrepancies" })
      .optional(),
    currency_code: z
      .string()
      .regex(/^[A-Za-z]{3}$/, "currency_code must be an ISO 4217 code like SEK")
      .optional(),
  })
  .strict()
export type AdminKlarnaPayoutsQueryType = z.infer<typeof AdminKlarnaPayoutsQuery>

/** POST /admin/klarna/settlements/sync: every Klarna account, or only the provider ids given. */
export const AdminKlarnaSettlementsSync = z
  .object({
    provider_ids: z
      .array(z.string().regex(/^pp_klarna[\w-]*$/, "provider_ids must be Klarna provider ids like pp_klarna_klarna"))
      .min(1, "must have at least one entry")
      .max(50, "must have at most 50 entries")
      .optional(),
  })
  .strict()
export type AdminKlarnaSettlementsSyncType = z.infer<typeof AdminKlarnaSettlementsSync>
