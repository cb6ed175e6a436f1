import { z } from "@medusajs/framework/zod"
import { klarnaAdmin } from "../klarna-admin-adapter"
import { toolResult } from "../results"
import { money, type KlarnaTool } from "./types"

const Discrepancy = z.object({ kind: z.string(), message: z.string() })

const PayoutOut = z.looseObject({
  payment_reference: z.string(),
  payout_date: z.string().nullable(),
  currency_code: z.string(),
  sale_amount: z.number(),
  return_amount: z.number(),
  fee_amount: z.number(),
  settlement_amount: z.number(),
  transaction_count: z.number().int(),
  matched_count: z.number().int(),
  unmatched_count: z.number().int(),
  status: z.enum(["pending", "reconciled", "discrepancies"]),
  discrepancies: z.array(Discrepancy),
})

const ListPayoutsInput = z
  .object({
    limit: z.number().int().min(1).max(100).default(20).describe("payouts per page (1..100)"),
    offset: z.number().int().min(0).default(0).describe("payouts to skip (newest first)"),
    status: z
      .enum(["pending", "reconciled", "discrepancies"])
      .optional()
      .describe("only payouts in this state, e.g. discrepancies"),
  })
  .strict()

const GetPayoutInput = z
  .object({
    payment_reference: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,255}$/, "must be a Klarna payment reference (as on the bank statement)")
      .describe("the payout's payment_reference, as on the bank statement"),
  })
  .strict()

export const listPayoutsTool: KlarnaTool<typeof ListPayoutsInput> = {
  name: "klarna-list-payouts",
  title: "List Klarna payouts",
  description:
    "Klarna's payouts (the money that reached the bank, under a payment_reference that appears on the bank statement) as the plugin last synced them, newest first: payout date, currency, sales, returns, fees and the settlement amount (integer minor units), how many transactions matched Medusa, and status reconciled or discrepancies. Also the Medusa captures Klarna has not paid out after the overdue days. Use klarna-get-payout for a payout's transactions and discrepancies. Reads only.",
  readOnly: true,
  idempotent: true,
  inputSchema: ListPayoutsInput,
  outputSchema: z.object({
    payouts: z.array(PayoutOut),
    count: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
    unpaid_captures: z.looseObject({ days: z.number(), count: z.number().int(), captures: z.array(z.looseObject({})) }),
  }),
  async run({ scope }, args) {
    const result = await klarnaAdmin.listPayouts(scope, args)
    const lines = result.payouts.map(
      (p) =>
        `${p.payment_reference} (${p.payout_date?.slice(0, 10)}): net ${money(p.settlement_amount, p.currency_code)} — ${p.status}`
    )
    const unpaid = result.unpaid_captures.count
      ? `\n${result.unpaid_captures.count} capture(s) not paid out after ${result.unpaid_captures.days} days.`
      : ""
    return toolResult(
      `${result.count} payout(s)${result.payouts.length ? `:\n${lines.join("\n")}` : "."}${unpaid}`,
      result
    )
  },
}

export const getPayoutTool: KlarnaTool<typeof GetPayoutInput> = {
  name: "klarna-get-payout",
  title: "Get a Klarna payout with its matches",
  description:
    "One Klarna payout by payment_reference: its totals (minor units), status, payout-level discrepancies (totals that do not add up, currency), and every transaction (SALE, RETURN, FEE, …) as Klarna reported it with the Medusa order (id, display id), Medusa capture or refund it matched, and discrepancy null or { kind: unknown_transaction | amount_mismatch | currency_mismatch, message }. Reads only.",
  readOnly: true,
  idempotent: true,
  inputSchema: GetPayoutInput,
  outputSchema: z.object({
    payout: PayoutOut.extend({
      transactions: z.array(
        z.looseObject({
          type: z.string(),
          amount: z.number(),
          medusa_order_id: z.string().nullable(),
          medusa_order_display_id: z.number().nullable(),
          medusa_capture_id: z.string().nullable(),
          medusa_refund_id: z.string().nullable(),
          discrepancy: Discrepancy.nullable(),
        })
      ),
    }),
  }),
  async run({ scope }, args) {
    const { payout } = await klarnaAdmin.getPayout(scope, args.payment_reference)
    const problems = [
      ...payout.discrepancies.map((d) => `- ${d.kind}: ${d.message}`),
      ...payout.transactions
        .filter((t) => t.discrepancy)
        .map((t) => `- ${t.discrepancy!.kind}: ${t.discrepancy!.message}`),
    ]
    return toolResult(
      `Payout ${payout.payment_reference} (${payout.payout_date?.slice(0, 10)}): sales ${money(payout.sale_amount, payout.currency_code)}, fees ${money(payout.fee_amount, payout.currency_code)}, net ${money(payout.settlement_amount, payout.currency_code)} — ${payout.status}, ${payout.transaction_count} transaction(s).${problems.length ? `\nDiscrepancies:\n${problems.join("\n")}` : ""}`,
      { payout }
    )
  },
}

export const payoutTools = [listPayoutsTool, getPayoutTool]
