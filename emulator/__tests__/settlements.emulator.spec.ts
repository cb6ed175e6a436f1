import { expectKlarnaError, klarnaApi, MERCHANT_B, orderPath, placeOrder, useTestEmulator } from "./helpers"
import { expectSchema } from "./settlements-schema"

const env = useTestEmulator()
const { api, ctl } = env
const S = "/settlements/v1"

beforeEach(async () => {
  expect((await ctl("POST", "/reset")).status).toBe(204)
})

const newOrder = async (purchase?: Record<string, unknown>) => (await placeOrder(api, ctl, { purchase })).orderId

async function capture(orderId: string, amount: number, reference?: string): Promise<string> {
  const reply = await api("POST", orderPath(orderId, "/captures"), { captured_amount: amount, reference })
  expect(reply.status).toBe(201)
  return reply.headers.get("capture-id")!
}

async function refund(orderId: string, amount: number, reference?: string): Promise<string> {
  const reply = await api("POST", orderPath(orderId, "/refunds"), { refunded_amount: amount, reference })
  expect(reply.status).toBe(201)
  return reply.headers.get("refund-id")!
}

async function payout(body: Record<string, unknown> = {}) {
  const reply = await ctl("POST", "/settlements/payouts", body)
  expect(reply.status).toBe(200)
  expectSchema("Payout", reply.body)
  return reply.body
}

async function inject(body: Record<string, unknown>) {
  const reply = await ctl("POST", "/settlements/transactions", body)
  expect(reply.status).toBe(200)
  return reply.body
}

/** Every transaction of a payout, through the API's paging. */
async function transactionsOf(reference: string, size = 500): Promise<any[]> {
  const all: any[] = []
  for (let offset = 0; ; offset += size) {
    const page = await api("GET", `${S}/transactions?payment_reference=${reference}&size=${size}&offset=${offset}`)
    expect(page.status).toBe(200)
    expectSchema("TransactionCollection", page.body)
    all.push(...page.body.transactions)
    if (!page.body.pagination.next) return all
  }
}

const NO_FEES = { fee_rate: 0, fee_fixed: 0 }
/** a transaction of no emulator order: the emulator has two accounts, so it needs the merchant */
const A_SEK = { merchant: "merchant_a", currency: "SEK", purchase_country: "SE" }

describe("transactions from Order Management", () => {
  it("a capture is a SALE, a refund a RETURN, each sale pays a percentage and a fixed FEE", async () => {
    const orderId = await newOrder({ merchant_reference1: "1001" })
    // the plugin sets the references once Medusa has the order: the payout shows them as they are then
    const refs = await api(
      "PATCH",
      orderPath(orderId, "/merchant-references"),
      { merchant_reference1: "1002", merchant_reference2: "order_01" },
      { "Klarna-Idempotency-Key": "refs-1" }
    )
    expect(refs.status).toBe(204)
    const captureId = await capture(orderId, 2000, "ful_1")
    const refundId = await refund(orderId, 500, "ret_1")

    const paid = await payout({ fee_rate: 250, fee_fixed: 30 })
    const klarnaOrder = (await api("GET", orderPath(orderId))).body
    const transactions = await transactionsOf(paid.payment_reference)
    const common = {
      order_id: orderId,
      short_order_id: klarnaOrder.klarna_reference,
      currency_code: "SEK",
      purchase_country: "SE",
      merchant_reference1: "1002",
      merchant_reference2: "order_01",
      payment_reference: paid.payment_reference,
      payout: `${env.emulator.url}${S}/payouts/${paid.payment_reference}`,
    }
    expect(transactions).toEqual([
      expect.objectContaining({
        ...common,
        type: "SALE",
        amount: 2000,
        capture_id: captureId,
        merchant_capture_reference: "ful_1",
      }),
      expect.objectContaining({
        ...common,
        type: "FEE",
        detailed_type: "PURCHASE_FEE_PERCENTAGE",
        amount: 50,
        capture_id: captureId,
      }),
      expect.objectContaining({
        ...common,
        type: "FEE",
        detailed_type: "PURCHASE_FEE_FIXED",
        amount: 30,
        capture_id: captureId,
      }),
      expect.objectContaining({
        ...common,
        type: "RETURN",
        amount: 500,
        capture_id: "",
        refund_id: refundId,
        merchant_refund_reference: "ret_1",
      }),
    ])
    const captureAt = (await api("GET", orderPath(orderId, `/captures/${captureId}`))).body.captured_at
    expect(transactions[0].capture_date).toBe(captureAt)
    expect(paid.totals).toMatchObject({ sale_amount: 2000, return_amount: 500, fee_amount: 80 })
    expect(paid.totals.settlement_amount).toBe(2000 - 500 - 80)
  })

  it("an idempotent replay of a capture makes no second SALE", async () => {
    const orderId = await newOrder()
    const headers = { "Klarna-Idempotency-Key": "cap-1" }
    for (let i = 0; i < 2; i++) {
      const reply = await api("POST", orderPath(orderId, "/captures"), { captured_amount: 1000 }, headers)
      expect(reply.status).toBe(201)
    }
    const pending = (await ctl("GET", "/settlements/transactions")).body
    expect(pending.map((t: any) => [t.type, t.amount])).toEqual([["SALE", 1000]])
  })

  it("VAT on fees is a TAX transaction and the fee carries vat_rate and vat_amount", async () => {
    await capture(await newOrder(), 2000)
    const paid = await payout({ fee_rate: 300, fee_fixed: 0, fee_vat_rate: 2500 })
    const transactions = await transactionsOf(paid.payment_reference)
    expect(transactions.map((t) => [t.type, t.amount])).toEqual([
      ["SALE", 2000],
      ["FEE", 60],
      ["TAX", 15],
    ])
    expect(transactions[1]).toMatchObject({ vat_rate: 2500, vat_amount: 15 })
    expect(paid.totals).toMatchObject({ fee_amount: 60, tax_amount: 15, settlement_amount: 2000 - 60 - 15 })
  })
})

describe("payouts", () => {
  it("a payout takes only the transactions not paid out yet", async () => {
    const first = await newOrder()
    await capture(first, 1000)
    const one = await payout(NO_FEES)
    expect((await ctl("GET", "/settlements/transactions")).body).toEqual([])
    expectKlarnaError(await ctl("POST", "/settlements/payouts", {}), 409, "NOTHING_TO_PAY_OUT")

    await capture(first, 1200)
    await refund(first, 300)
    const two = await payout(NO_FEES)
    expect(two.payment_reference).not.toBe(one.payment_reference)
    expect((await transactionsOf(one.payment_reference)).map((t) => t.amount)).toEqual([1000])
    expect((await transactionsOf(two.payment_reference)).map((t) => [t.type, t.amount])).toEqual([
      ["SALE", 1200],
      ["RETURN", 300],
    ])
    expect(two.totals).toMatchObject({ sale_amount: 1200, return_amount: 300, settlement_amount: 900 })
    // and the payout reads back the same
    const read = await api("GET", `${S}/payouts/${two.payment_reference}`)
    expect(read.status).toBe(200)
    expectSchema("Payout", read.body)
    expect(read.body).toEqual(two)
    expect(read.body).toMatchObject({
      currency_code: "SEK",
      merchant_id: "merchant_a",
      merchant_settlement_type: "NET",
      transactions: `${env.emulator.url}${S}/transactions?payment_reference=${two.payment_reference}`,
    })
  })

  it("totals: settlement = sales − returns − fees − reversals − holdback + release, matching the transactions", async () => {
    const orderId = await newOrder()
    await capture(orderId, 2000)
    await refund(orderId, 200)
    await inject({ type: "REVERSAL", amount: 150, order_id: orderId, reversal_reference: "krn:klarna:eu1:dispute:x:1" })
    await inject({ type: "HOLDBACK", amount: 400, ...A_SEK })
    await inject({ type: "RELEASE", amount: 100, ...A_SEK })
    const paid = await payout({ fee_rate: 100, fee_fixed: 10 })
    expect(paid.totals).toMatchObject({
      sale_amount: 2000,
      return_amount: 200,
      fee_amount: 20 + 10,
      reversal_amount: 150,
      holdback_amount: 400,
      release_amount: 100,
      settlement_amount: 2000 - 200 - 30 - 150 - 400 + 100,
      opening_debt_balance_amount: 0,
      closing_debt_balance_amount: 0,
    })
    // every total is the sum of its transactions
    const sums: Record<string, number> = {}
    for (const t of await transactionsOf(paid.payment_reference)) sums[t.type] = (sums[t.type] ?? 0) + t.amount
    expect(sums).toEqual({ SALE: 2000, RETURN: 200, FEE: 30, REVERSAL: 150, HOLDBACK: 400, RELEASE: 100 })
  })

  it("deductions above the sales pay out 0 and become a debt the next payout repays", async () => {
    const orderId = await newOrder()
    await capture(orderId, 1000)
    await inject({ type: "REVERSAL", amount: 1300, order_id: orderId })
    const short = await payout(NO_FEES)
    expect(short.totals).toMatchObject({
      settlement_amount: 0,
      opening_debt_balance_amount: 0,
      deposit_amount: 300,
      repay_amount: 0,
      closing_debt_balance_amount: 300,
    })

    await capture(await newOrder(), 2000)
    const next = await payout(NO_FEES)
    expect(next.totals).toMatchObject({
      sale_amount: 2000,
      opening_debt_balance_amount: 300,
      repay_amount: 300,
      deposit_amount: 0,
      settlement_amount: 1700,
      closing_debt_balance_amount: 0,
    })
  })

  it("a payout is per currency; payout_date, payment_reference and the fees can be given", async () => {
    await capture(await newOrder(), 1000)
    await capture(await newOrder({ purchase_currency: "EUR", purchase_country: "DE", locale: "de-DE" }), 700)
    expectKlarnaError(await ctl("POST", "/settlements/payouts", {}), 400, "BAD_VALUE", "currency")
    const eur = await payout({ currency: "EUR", payout_date: "2030-05-01T06:00:00Z", payment_reference: "EUR-1" })
    expect(eur).toMatchObject({ payment_reference: "EUR-1", payout_date: "2030-05-01T06:00:00.000Z" })
    expect(eur.totals).toMatchObject({ sale_amount: 700, fee_amount: 21 + 30 })
    expectKlarnaError(
      await ctl("POST", "/settlements/payouts", { payment_reference: "EUR-1" }),
      409,
      "CONFLICT",
      "EUR-1"
    )
    const sek = await payout({})
    expect(sek.currency_code).toBe("SEK")
  })

  it("refuses malformed control bodies with every problem named", async () => {
    const bad = await ctl("POST", "/settlements/payouts", { currency: "eur", fee_rate: 1.5, payout_date: "soon" })
    expectKlarnaError(bad, 400, "BAD_VALUE")
    expect(bad.body.error_messages).toEqual([
      "Bad value: currency (ISO 4217, e.g. EUR)",
      "Bad value: payout_date (an ISO 8601 date-time)",
      "Bad value: fee_rate (an integer from 0 to 10000)",
    ])
    expectKlarnaError(await ctl("POST", "/settlements/transactions", { type: "GIFT", amount: 1 }), 400, "BAD_VALUE")
    expectKlarnaError(
      await ctl("POST", "/settlements/transactions", { type: "SALE", amount: 0, currency: "SEK" }),
      400,
      "BAD_VALUE",
      "amount"
    )
    expectKlarnaError(
      await ctl("POST", "/settlements/transactions", { type: "SALE", amount: 100, merchant: "merchant_a" }),
      400,
      "BAD_VALUE",
      "currency and purchase_country"
    )
    expectKlarnaError(
      await ctl("POST", "/settlements/transactions", { type: "HOLDBACK", amount: 100, currency: "SEK" }),
      400,
      "BAD_VALUE",
      "merchant"
    )
    expectKlarnaError(
      await ctl("POST", "/settlements/payouts", { merchant: "nobody" }),
      400,
      "BAD_VALUE",
      "no account nobody"
    )
  })

  it("a sale made in Klarna's portal is a transaction the shop never saw", async () => {
    const orderId = await newOrder()
    const made = await inject({ type: "SALE", amount: 900, order_id: orderId, merchant_capture_reference: "portal" })
    expect(made.count).toBe(1)
    expect(made.transactions[0]).toMatchObject({ type: "SALE", amount: 900, order_id: orderId, currency_code: "SEK" })
    expect(made.transactions[0].capture_id).toMatch(/^[0-9a-f-]{36}$/)
    const paid = await payout(NO_FEES)
    const [sale] = await transactionsOf(paid.payment_reference)
    expect(sale).toMatchObject({ capture_id: made.transactions[0].capture_id, merchant_capture_reference: "portal" })
    // no such capture in Order Management
    expect((await api("GET", orderPath(orderId, "/captures"))).body).toEqual([])
  })

  it("reset forgets payouts, transactions, debts and fees", async () => {
    await capture(await newOrder(), 1000)
    await ctl("POST", "/settlements/fees", { fee_rate: 1000 })
    const paid = await payout({})
    expect(paid.totals.fee_amount).toBe(100 + 30)
    await ctl("POST", "/reset")
    expect((await api("GET", `${S}/payouts/${paid.payment_reference}`)).status).toBe(404)
    expect((await ctl("GET", "/settlements/fees")).body).toEqual({ fee_rate: 299, fee_fixed: 30, fee_vat_rate: 0 })
  })
})

describe("the Settlements API", () => {
  it("pages transactions with size/offset up to 500 and Klarna's pagination object", async () => {
    await inject({ type: "SALE", amount: 100, ...A_SEK, count: 1234 })
    const paid = await payout(NO_FEES)
    const base = `${S}/transactions?payment_reference=${paid.payment_reference}`

    const first = await api("GET", `${base}&size=500`)
    expectSchema("TransactionCollection", first.body)
    expect(first.body.transactions).toHaveLength(500)
    expect(first.body.pagination).toEqual({
      count: 500,
      total: 1234,
      offset: 0,
      next: `${env.emulator.url}${base}&size=500&offset=500`,
    })
    const last = await api("GET", `${base}&size=500&offset=1000`)
    expect(last.body.pagination).toEqual({
      count: 234,
      total: 1234,
      offset: 1000,
      prev: `${env.emulator.url}${base}&size=500&offset=500`,
    })
    const beyond = await api("GET", `${base}&offset=5000`)
    expect(beyond.body).toMatchObject({ transactions: [], pagination: { count: 0, total: 1234 } })
    const byDefault = await api("GET", base)
    expect(byDefault.body.pagination).toMatchObject({ count: 20, offset: 0 })
    expect(new Set((await transactionsOf(paid.payment_reference, 500)).map((t) => t.capture_id)).size).toBe(1234)

    for (const query of ["size=501", "size=0", "size=-1", "size=abc", "size=2.5", "offset=-1", "offset=x"]) {
      const reply = await api("GET", `${base}&${query}`)
      expectKlarnaError(reply, 400, "BAD_VALUE", query.split("=")[0])
      expectSchema("ErrorResponse", reply.body)
    }
  })

  it("lists payouts newest first, filtered by payout date and currency, paged", async () => {
    const dates = ["2030-01-10T08:00:00Z", "2030-01-12T08:00:00Z", "2030-01-11T08:00:00Z"]
    for (const date of dates) {
      await capture(await newOrder(), 1000)
      await payout({ ...NO_FEES, payout_date: date })
    }
    await capture(await newOrder({ purchase_currency: "EUR", purchase_country: "DE", locale: "de-DE" }), 500)
    await payout({ ...NO_FEES, payout_date: "2030-01-11T09:00:00Z" })

    const all = await api("GET", `${S}/payouts`)
    expectSchema("PayoutCollection", all.body)
    expect(all.body.payouts.map((p: any) => p.payout_date)).toEqual([
      "2030-01-12T08:00:00.000Z",
      "2030-01-11T09:00:00.000Z",
      "2030-01-11T08:00:00.000Z",
      "2030-01-10T08:00:00.000Z",
    ])
    expect(all.body.pagination).toEqual({ count: 4, total: 4, offset: 0 })

    const range = await api("GET", `${S}/payouts?start_date=2030-01-11&end_date=2030-01-11T23:59:59Z&currency_code=SEK`)
    expect(range.body.payouts.map((p: any) => [p.payout_date, p.currency_code])).toEqual([
      ["2030-01-11T08:00:00.000Z", "SEK"],
    ])
    const paged = await api("GET", `${S}/payouts?size=3&offset=3`)
    expect(paged.body.payouts).toHaveLength(1)
    expect(paged.body.pagination).toMatchObject({ count: 1, total: 4, offset: 3 })
    expectKlarnaError(await api("GET", `${S}/payouts?start_date=yesterday`), 400, "BAD_VALUE", "start_date")
  })

  it("summarises payouts per currency in a date range", async () => {
    for (const [currency, country, locale, amount, date] of [
      ["SEK", "SE", "sv-SE", 1000, "2030-02-02T00:00:00Z"],
      ["SEK", "SE", "sv-SE", 2000, "2030-02-03T00:00:00Z"],
      ["EUR", "DE", "de-DE", 700, "2030-02-01T00:00:00Z"],
      ["SEK", "SE", "sv-SE", 1500, "2030-03-01T00:00:00Z"],
    ] as const) {
      await capture(await newOrder({ purchase_currency: currency, purchase_country: country, locale }), amount)
      await payout({ currency, fee_rate: 100, fee_fixed: 0, payout_date: date })
    }
    const summary = await api(
      "GET",
      `${S}/payouts/summary?start_date=2030-02-01T00:00:00Z&end_date=2030-02-28T00:00:00Z`
    )
    expect(summary.status).toBe(200)
    expectSchema("PayoutSummary", summary.body, true)
    const sek = summary.body.find((s: any) => s.summary_settlement_currency === "SEK")
    expect(sek).toMatchObject({
      summary_total_sale_amount: 3000,
      summary_total_fee_amount: 30,
      summary_total_settlement_amount: 2970,
      summary_payout_date_start: "2030-02-02T00:00:00.000Z",
      summary_payout_date_end: "2030-02-03T00:00:00.000Z",
    })
    const eurOnly = await api("GET", `${S}/payouts/summary?start_date=2030-02-01&end_date=2030-03-01&currency_code=EUR`)
    expect(eurOnly.body.map((s: any) => [s.summary_settlement_currency, s.summary_total_settlement_amount])).toEqual([
      ["EUR", 693],
    ])
    expectKlarnaError(await api("GET", `${S}/payouts/summary?start_date=2030-02-01`), 400, "BAD_VALUE", "end_date")
  })

  it("filters transactions by order_id", async () => {
    const a = await newOrder()
    const b = await newOrder()
    await capture(a, 1000)
    await capture(b, 800)
    await payout(NO_FEES)
    const reply = await api("GET", `${S}/transactions?order_id=${b}`)
    expectSchema("TransactionCollection", reply.body)
    expect(reply.body.transactions.map((t: any) => [t.order_id, t.amount])).toEqual([[b, 800]])
  })

  it("answers Basic-auth failures, unknown payouts and other merchants' payouts with Klarna's error body", async () => {
    await capture(await newOrder(), 1000)
    const paid = await payout(NO_FEES)

    const anonymous = await fetch(`${env.emulator.url}${S}/payouts`)
    expect(anonymous.status).toBe(401)
    const body = await anonymous.json()
    expectSchema("ErrorResponse", body)
    expect(body.error_code).toBe("UNAUTHORIZED")
    const wrong = klarnaApi(env.emulator.url, { username: "merchant_a", password: "nope" })
    expectKlarnaError(await wrong("GET", `${S}/transactions`), 401, "UNAUTHORIZED")

    const unknown = await api("GET", `${S}/payouts/NOSUCHREF`)
    expectKlarnaError(unknown, 404, "NOT_FOUND", "NOSUCHREF")
    expectSchema("ErrorResponse", unknown.body)

    const other = klarnaApi(env.emulator.url, MERCHANT_B)
    expectKlarnaError(await other("GET", `${S}/payouts/${paid.payment_reference}`), 404, "NOT_FOUND")
    expect((await other("GET", `${S}/payouts`)).body.payouts).toEqual([])
    const theirs = await other("GET", `${S}/transactions?payment_reference=${paid.payment_reference}`)
    expect(theirs.body).toEqual({ transactions: [], pagination: { count: 0, total: 0, offset: 0 } })
  })
})
