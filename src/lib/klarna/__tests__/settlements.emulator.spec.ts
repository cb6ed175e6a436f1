import { inspect } from "node:util"
import { startKlarnaEmulator } from "../../../../emulator"
import { purchase } from "../../../../emulator/__tests__/helpers"
import {
  expectedSettlementAmount,
  isKlarnaError,
  KlarnaClient,
  type KlarnaClientOptions,
  type KlarnaLogEntry,
  type KpOrderRequest,
  type Payout,
  type SettlementTransaction,
  TransactionTotals,
} from "../index"

const USERNAME = "settlements_spec_user"
const PASSWORD = "settlements-spec-Pw!4c1d"

let emulator: { url: string; close(): Promise<void> }
const clients: KlarnaClient[] = []

async function ctl<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${emulator.url}/__emulator${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  if (res.status >= 300) throw new Error(`control ${method} ${path}: ${res.status} ${text}`)
  return (text ? JSON.parse(text) : undefined) as T
}

function makeClient(overrides: Partial<KlarnaClientOptions> = {}) {
  const log: KlarnaLogEntry[] = []
  const client = new KlarnaClient({
    username: USERNAME,
    password: PASSWORD,
    baseUrl: emulator.url,
    timeoutMs: 2000,
    retry: { retries: 3, minDelayMs: 5, maxDelayMs: 20, maxTotalMs: 10000 },
    logger: (e) => log.push(e),
    ...overrides,
  })
  clients.push(client)
  return { client, log }
}

const SEK = { currency: "SEK", purchase_country: "SE" }
const settlementGets = async () =>
  (await ctl<{ path: string; query: Record<string, string> }[]>("GET", "/requests?path_prefix=/settlements/")).map(
    (r) => r.query
  )

/** An order captured and partly refunded through the client, then paid out. */
async function capturedOrderPaidOut(client: KlarnaClient) {
  const body = purchase() as KpOrderRequest
  const { session_id } = await client.createSession(body)
  const { authorization_token } = await ctl("POST", `/sessions/${session_id}/authorize`, { approve: true })
  const { order_id } = await client.createOrder(authorization_token, body)
  const { capture_id } = await client.createCapture(
    order_id,
    { captured_amount: 2200, reference: "ful_1" },
    { idempotencyKey: "cap-1" }
  )
  const { refund_id } = await client.createRefund(
    order_id,
    { refunded_amount: 200, reference: "ret_1" },
    { idempotencyKey: "ref-1" }
  )
  const payout = await ctl<Payout>("POST", "/settlements/payouts", { fee_rate: 299, fee_fixed: 30 })
  return { order_id, capture_id, refund_id, payout }
}

beforeAll(async () => {
  emulator = await startKlarnaEmulator({ port: 0, username: USERNAME, password: PASSWORD })
})

afterAll(async () => {
  for (const c of clients) c.close()
  await emulator?.close()
})

beforeEach(async () => {
  await ctl("POST", "/reset")
})

describe("client.settlements against the emulator", () => {
  it("reads a payout and its transactions, matching what OM did, and the totals add up", async () => {
    const { client } = makeClient()
    const { order_id, capture_id, refund_id, payout } = await capturedOrderPaidOut(client)

    const read = await client.settlements.getPayout(payout.payment_reference)
    expect(read).toEqual(payout)

    const transactions: SettlementTransaction[] = []
    const sums = new TransactionTotals()
    for await (const t of client.settlements.transactions({ payment_reference: payout.payment_reference })) {
      transactions.push(t)
      sums.add(t)
    }
    expect(transactions.map((t) => [t.type, t.detailed_type, t.amount, t.capture_id, t.refund_id])).toEqual([
      ["SALE", "PURCHASE", 2200, capture_id, undefined],
      ["FEE", "PURCHASE_FEE_PERCENTAGE", 66, capture_id, undefined],
      ["FEE", "PURCHASE_FEE_FIXED", 30, capture_id, undefined],
      ["RETURN", "PURCHASE_RETURN", 200, "", refund_id],
    ])
    expect(transactions[0]).toMatchObject({ order_id, merchant_capture_reference: "ful_1" })
    expect(transactions[3]).toMatchObject({ order_id, merchant_refund_reference: "ret_1" })
    expect(sums.totals).toMatchObject({ sale_amount: 2200, return_amount: 200, fee_amount: 96 })
    expect({ ...read.totals, ...sums.totals }).toEqual(read.totals)
    expect(expectedSettlementAmount(read.totals)).toBe(read.totals.settlement_amount)
    expect(read.totals.settlement_amount).toBe(2200 - 200 - 96)

    const byOrder = await client.settlements.listTransactionsPage({ order_id, size: 2 })
    expect(byOrder.transactions).toHaveLength(2)
    expect(byOrder.pagination).toMatchObject({ count: 2, total: 4, offset: 0 })
  })

  it("streams 1,234 transactions in three requests of 500", async () => {
    const { client } = makeClient()
    await ctl("POST", "/settlements/transactions", { type: "SALE", amount: 125, count: 1234, ...SEK })
    const payout = await ctl<Payout>("POST", "/settlements/payouts", { fee_rate: 0, fee_fixed: 0 })
    await ctl("DELETE", "/requests")

    const pageSizes: number[] = []
    for await (const page of client.settlements.transactionPages({ payment_reference: payout.payment_reference })) {
      pageSizes.push(page.length)
    }
    expect(pageSizes).toEqual([500, 500, 234])
    expect(await settlementGets()).toEqual([
      { payment_reference: payout.payment_reference, size: "500", offset: "0" },
      { payment_reference: payout.payment_reference, size: "500", offset: "500" },
      { payment_reference: payout.payment_reference, size: "500", offset: "1000" },
    ])
    let sum = 0
    for await (const t of client.settlements.transactions({ payment_reference: payout.payment_reference })) {
      sum += t.amount
    }
    expect(sum).toBe(1234 * 125)
    expect(sum).toBe(payout.totals.sale_amount)
  })

  it("lists payouts newest first with filters and summarises them", async () => {
    const { client } = makeClient()
    for (const [i, date] of ["2030-03-01T10:00:00Z", "2030-03-03T10:00:00Z", "2030-03-02T10:00:00Z"].entries()) {
      await ctl("POST", "/settlements/transactions", { type: "SALE", amount: 1000 * (i + 1), ...SEK })
      await ctl("POST", "/settlements/payouts", { payout_date: date, fee_rate: 0, fee_fixed: 0 })
    }
    const all: string[] = []
    for await (const p of client.settlements.listPayouts({ pageSize: 2 })) all.push(p.payout_date)
    expect(all).toEqual(["2030-03-03T10:00:00.000Z", "2030-03-02T10:00:00.000Z", "2030-03-01T10:00:00.000Z"])

    const march2: number[] = []
    for await (const p of client.settlements.listPayouts({
      start_date: "2030-03-02T00:00:00Z",
      end_date: "2030-03-02T23:59:59Z",
      currency_code: "SEK",
    })) {
      march2.push(p.totals.sale_amount)
    }
    expect(march2).toEqual([3000])

    const summary = await client.settlements.getPayoutSummary({ start_date: "2030-03-01", end_date: "2030-03-31" })
    expect(summary).toEqual([
      expect.objectContaining({ summary_settlement_currency: "SEK", summary_total_settlement_amount: 6000 }),
    ])
  })

  it("surfaces Klarna's errors as KlarnaError, with no secret in them", async () => {
    const { client } = makeClient()
    const missing = await client.settlements.getPayout("NOSUCHREF").catch((e: unknown) => e)
    expect(isKlarnaError(missing)).toBe(true)
    expect(missing).toMatchObject({ kind: "http", status: 404, errorCode: "NOT_FOUND", operation: "getPayout" })
    expect((missing as { correlationId?: string }).correlationId).toMatch(/^[0-9a-f-]{36}$/)

    const { client: wrong } = makeClient({ password: "not-the-password" })
    const denied = await (async () => {
      for await (const _ of wrong.settlements.listPayouts()) return null
      return null
    })().catch((e: unknown) => e)
    expect(denied).toMatchObject({ kind: "http", status: 401, errorCode: "UNAUTHORIZED", operation: "listPayouts" })
    expect(inspect(denied) + JSON.stringify(denied)).not.toContain("not-the-password")
  })

  it("retries a page that failed with 503 and carries on from the same offset", async () => {
    const { client, log } = makeClient()
    await ctl("POST", "/settlements/transactions", { type: "SALE", amount: 1, count: 30, ...SEK })
    const payout = await ctl<Payout>("POST", "/settlements/payouts", { fee_rate: 0, fee_fixed: 0 })
    await ctl("POST", "/faults", { method: "GET", path: "/settlements/v1/transactions", status: 503, skip: 1 })

    let count = 0
    for await (const _ of client.settlements.transactions({
      payment_reference: payout.payment_reference,
      pageSize: 10,
    })) {
      count++
    }
    expect(count).toBe(30)
    expect(log.map((e) => [e.operation, e.status, e.attempt])).toEqual([
      ["listTransactions", 200, 1],
      ["listTransactions", 503, 1],
      ["listTransactions", 200, 2],
      ["listTransactions", 200, 1],
    ])
    expect(log[2].url).toContain("offset=10")
  })
})
