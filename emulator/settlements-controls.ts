import { randomUUID } from "node:crypto"
import type { ControlContext } from "./controls"
import { badValue, conflict } from "./errors"
import { json, type EmulatorResponse } from "./http"
import { payoutView, transactionView } from "./settlements-api"
import { orderFields } from "./settlements-ledger"
import { type FeeRates, type LedgerTransaction, NO_ORDER_ID, type TransactionType } from "./settlements-model"
import { parseIsoDate } from "./settlements-query"
import { ACCOUNTED_TYPES } from "./settlements-totals"

type Body = Record<string, unknown>
const bodyOf = (ctx: ControlContext) => (ctx.request.body ?? {}) as Body

const CURRENCY = /^[A-Z]{3}$/
const COUNTRY = /^[A-Z]{2}$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const REFERENCE = /^[A-Za-z0-9_-]{1,64}$/
/** Transactions one call may add (enough for a 100,000-row benchmark in one go). */
const MAX_COUNT = 100_000
/** Transactions echoed back by POST /__emulator/settlements/transactions. */
const ECHOED = 100

/** Collects every problem of a control body, then answers them all in one 400 BAD_VALUE. */
class Checks {
  readonly problems: string[] = []
  constructor(private readonly body: Body) {}

  string(name: string, pattern?: RegExp, hint?: string): string | undefined {
    const value = this.body[name]
    if (value === undefined) return undefined
    if (typeof value !== "string" || (pattern && !pattern.test(value))) {
      this.problems.push(`Bad value: ${name}${hint ? ` (${hint})` : ""}`)
      return undefined
    }
    return value
  }

  integer(name: string, min: number, max: number): number | undefined {
    const value = this.body[name]
    if (value === undefined) return undefined
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`Bad value: ${name} (an integer from ${min} to ${max})`)
      return undefined
    }
    return value
  }

  date(name: string): string | undefined {
    const value = this.string(name)
    if (value === undefined) return undefined
    const ms = parseIsoDate(value)
    if (ms === undefined) {
      this.problems.push(`Bad value: ${name} (an ISO 8601 date-time)`)
      return undefined
    }
    return new Date(ms).toISOString()
  }

  done(): void {
    if (this.problems.length) throw badValue(...this.problems)
  }
}

/**
 * The merchant a control acts for: the one named, else the only account, else the only candidate
 * (the merchant with unpaid transactions, the order's merchant); null when there is no candidate.
 */
function merchantFor(ctx: ControlContext, named: string | undefined, candidates: string[]): string | null {
  if (named !== undefined) {
    if (!ctx.accounts.includes(named)) throw badValue(`Bad value: merchant (no account ${named})`)
    return named
  }
  if (ctx.accounts.length === 1) return ctx.accounts[0]
  if (candidates.length > 1) throw badValue("Bad value: merchant (several accounts qualify: name the account username)")
  return candidates[0] ?? null
}

function feeRates(checks: Checks, defaults: FeeRates): FeeRates {
  return {
    fee_rate: checks.integer("fee_rate", 0, 10000) ?? defaults.fee_rate,
    fee_fixed: checks.integer("fee_fixed", 0, Number.MAX_SAFE_INTEGER) ?? defaults.fee_fixed,
    fee_vat_rate: checks.integer("fee_vat_rate", 0, 10000) ?? defaults.fee_vat_rate,
  }
}

/**
 * POST /__emulator/settlements/payouts `{ merchant?, currency?, payout_date?, payment_reference?,
 * fee_rate?, fee_fixed?, fee_vat_rate? }`: Klarna pays out every transaction of that merchant and
 * currency not paid out yet. Answers the payout as GET /settlements/v1/payouts/{ref} does.
 */
export function closePayout(ctx: ControlContext): EmulatorResponse {
  const ledger = ctx.state.settlements
  const checks = new Checks(bodyOf(ctx))
  const named = checks.string("merchant")
  const currency = checks.string("currency", CURRENCY, "ISO 4217, e.g. EUR")
  const payoutDate = checks.date("payout_date") ?? new Date().toISOString()
  const reference = checks.string("payment_reference", REFERENCE, "letters, digits, _ and -, at most 64")
  const fees = feeRates(checks, ledger.fees)
  checks.done()

  const merchant = merchantFor(ctx, named, ledger.pendingMerchants())
  if (!merchant) throw conflict("NOTHING_TO_PAY_OUT", "No transactions wait to be paid out")
  if (reference !== undefined && ledger.payouts.has(reference)) {
    throw conflict("CONFLICT", `A payout with payment_reference ${reference} exists already`)
  }
  const pending = ledger.pendingCurrencies(merchant)
  const chosen = currency ?? (pending.length === 1 ? pending[0] : undefined)
  if (!chosen) {
    throw pending.length
      ? badValue(`Bad value: currency (transactions wait in ${pending.join(", ")}: name one)`)
      : conflict("NOTHING_TO_PAY_OUT", `No transactions of ${merchant} wait to be paid out`)
  }
  const payout = ledger.close({
    merchant,
    currency: chosen,
    payout_date: payoutDate,
    payment_reference: reference,
    fees,
    orders: ctx.state.orders,
  })
  if (!payout) throw conflict("NOTHING_TO_PAY_OUT", `No ${chosen} transactions of ${merchant} wait to be paid out`)
  return json(payoutView(ctx.request, payout))
}

/**
 * POST /__emulator/settlements/transactions: what Klarna books outside the API calls the
 * emulator sees (a capture in Klarna's portal, a reversal, a holdback or its release, a charge …),
 * `count` times. With an `order_id` of an emulator order, the order's details are copied.
 */
export function addTransactions(ctx: ControlContext): EmulatorResponse {
  const body = bodyOf(ctx)
  const checks = new Checks(body)
  const type = body.type as TransactionType
  if (!ACCOUNTED_TYPES.includes(type)) checks.problems.push(`Bad value: type (one of ${ACCOUNTED_TYPES.join(", ")})`)
  const amount = body.amount
  const amountOk =
    typeof amount === "number" && Number.isSafeInteger(amount) && (type === "CORRECTION" ? amount !== 0 : amount > 0)
  if (!amountOk) checks.problems.push("Bad value: amount (an integer in minor units, > 0; a CORRECTION: ≠ 0)")
  const count = checks.integer("count", 1, MAX_COUNT) ?? 1
  const named = checks.string("merchant")
  const orderId = checks.string("order_id", UUID, "a UUID")
  const currency = checks.string("currency", CURRENCY, "ISO 4217, e.g. EUR")
  const country = checks.string("purchase_country", COUNTRY, "ISO 3166 alpha-2, e.g. SE")
  const saleDate = checks.date("sale_date")
  const captureDate = checks.date("capture_date")
  const texts: Partial<LedgerTransaction> = {}
  for (const name of [
    "capture_id",
    "refund_id",
    "detailed_type",
    "merchant_reference1",
    "merchant_reference2",
    "merchant_capture_reference",
    "merchant_refund_reference",
    "klarna_comment",
    "reversal_reference",
  ] as const) {
    const value = checks.string(name)
    if (value !== undefined) texts[name] = value
  }
  checks.done()

  const order = orderId === undefined ? undefined : ctx.state.orders.get(orderId)
  const merchant = merchantFor(ctx, named, order ? [order.merchant] : [])
  if (!merchant) throw badValue("Bad value: merchant (the emulator has several accounts: name the account username)")
  const fromOrder = order && order.merchant === merchant ? orderFields(order) : undefined
  const currencyCode = currency ?? fromOrder?.currency_code
  const purchaseCountry = country ?? fromOrder?.purchase_country
  if (!currencyCode || !purchaseCountry) {
    throw badValue("Bad value: currency and purchase_country are required unless order_id names an emulator order")
  }
  const now = new Date().toISOString()
  const ofAnOrder = type === "SALE" || type === "RETURN" || type === "REVERSAL"
  const created: LedgerTransaction[] = []
  for (let i = 0; i < count; i++) {
    const transaction: LedgerTransaction = {
      ...fromOrder,
      type,
      amount: amount as number,
      currency_code: currencyCode,
      purchase_country: purchaseCountry,
      order_id: orderId ?? (ofAnOrder ? randomUUID() : NO_ORDER_ID),
      sale_date: saleDate ?? fromOrder?.sale_date ?? now,
      capture_date: captureDate ?? now,
      ...defaultsOf(type),
      ...texts,
    }
    ctx.state.settlements.add(merchant, transaction)
    created.push(transaction)
  }
  return json({ count, transactions: created.slice(0, ECHOED).map((t) => transactionView(ctx.request, t)) })
}

/** What Klarna fills in for each type; a new capture or refund id per transaction. */
function defaultsOf(type: TransactionType): Partial<LedgerTransaction> {
  switch (type) {
    case "SALE":
      return { detailed_type: "PURCHASE", capture_id: randomUUID() }
    case "RETURN":
      return { detailed_type: "PURCHASE_RETURN", capture_id: "", refund_id: randomUUID() }
    case "REVERSAL":
      return { detailed_type: "REVERSAL", capture_id: "" }
    case "HOLDBACK":
    case "RELEASE":
      return { detailed_type: "ROLLING_RESERVE" }
    default:
      return {}
  }
}

/** GET /__emulator/settlements/transactions (`?merchant=`): the transactions not paid out yet. */
export function pendingTransactions(ctx: ControlContext): EmulatorResponse {
  const merchant = ctx.request.query.merchant
  return json(
    ctx.state.settlements.pending
      .filter((e) => !merchant || e.merchant === merchant)
      .map((e) => ({ merchant: e.merchant, ...transactionView(ctx.request, e.transaction) }))
  )
}

/** POST /__emulator/settlements/fees `{ fee_rate?, fee_fixed?, fee_vat_rate? }`: the fees of payouts that name none. */
export function setFees(ctx: ControlContext): EmulatorResponse {
  const checks = new Checks(bodyOf(ctx))
  const fees = feeRates(checks, ctx.state.settlements.fees)
  checks.done()
  ctx.state.settlements.fees = fees
  return json(fees)
}
