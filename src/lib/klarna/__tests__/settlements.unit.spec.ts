import { inspect } from "node:util"
import { KlarnaClient, KlarnaSettlements, type Payout, type SettlementTransaction } from "../index"
import { offsetPages, type FetchedPage } from "../paginate"

type Call = { operation: string; path: string }

/** A Settlements client over a fake transport that answers from `pages` and records each call. */
function fakeSettlements(answer: (call: Call) => unknown) {
  const calls: Call[] = []
  const settlements = new KlarnaSettlements(<T>(operation: string, path: string) => {
    calls.push({ operation, path })
    return Promise.resolve(answer({ operation, path }) as T)
  })
  return { settlements, calls }
}

const tx = (i: number) => ({ type: "SALE", amount: i }) as SettlementTransaction

/** A collection of `total` transactions served by size/offset from the request path. */
function collection(total: number, opts: { withTotal?: boolean; withNext?: boolean } = {}) {
  return ({ path }: Call) => {
    const q = new URL(path, "http://x").searchParams
    const offset = Number(q.get("offset") ?? 0)
    const size = Number(q.get("size") ?? 20)
    const items = Array.from({ length: Math.max(0, Math.min(size, total - offset)) }, (_, i) => tx(offset + i))
    return {
      transactions: items,
      pagination: {
        count: items.length,
        ...(opts.withTotal !== false && { total }),
        offset,
        ...(opts.withNext !== false && offset + items.length < total && { next: `http://x?offset=${offset + size}` }),
      },
    }
  }
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of iterable) out.push(item)
  return out
}

describe("offsetPages", () => {
  it("stops at pagination.total, without an extra request", async () => {
    const offsets: number[] = []
    const pages = offsetPages<number>(async (offset, size) => {
      offsets.push(offset)
      const items = Array.from({ length: Math.min(size, 7 - offset) }, (_, i) => offset + i)
      return { items, pagination: { count: items.length, total: 7 } }
    }, 3)
    expect(await collect(pages)).toEqual([[0, 1, 2], [3, 4, 5], [6]])
    expect(offsets).toEqual([0, 3, 6])
  })

  it("follows `next` when Klarna gives no total, and ends on an empty page", async () => {
    const served: FetchedPage<number>[] = [
      { items: [1, 2], pagination: { count: 2, next: "n" } },
      { items: [3, 4], pagination: { count: 2, next: "n" } },
      { items: [], pagination: { count: 0, next: "n" } },
      { items: [9], pagination: { count: 1 } },
    ]
    const pages = offsetPages<number>(async () => served.shift()!, 2)
    expect(await collect(pages)).toEqual([
      [1, 2],
      [3, 4],
    ])
    expect(served).toHaveLength(1)
  })

  it("advances by what the server returned when it gives fewer than asked", async () => {
    const offsets: number[] = []
    const pages = offsetPages<number>(async (offset) => {
      offsets.push(offset)
      const items = offset < 10 ? [offset, offset + 1] : []
      return { items, pagination: { count: items.length, total: 10 } }
    }, 500)
    expect((await collect(pages)).flat()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(offsets).toEqual([0, 2, 4, 6, 8])
  })

  it("asks for nothing more once the consumer stops", async () => {
    let requests = 0
    const pages = offsetPages<number>(async (offset) => {
      requests++
      return { items: [offset], pagination: { count: 1, total: 1000 } }
    }, 1)
    for await (const page of pages) if (page[0] === 2) break
    expect(requests).toBe(3)
  })
})

describe("KlarnaSettlements", () => {
  it("streams transactions page by page with size 500 and the filters in the query", async () => {
    const { settlements, calls } = fakeSettlements(collection(1234))
    const pages = await collect(settlements.transactionPages({ payment_reference: "XISA 93/DJ", order_id: "o-1" }))
    expect(pages.map((p) => p.length)).toEqual([500, 500, 234])
    expect(calls.map((c) => c.path)).toEqual([
      "/settlements/v1/transactions?payment_reference=XISA+93%2FDJ&order_id=o-1&size=500&offset=0",
      "/settlements/v1/transactions?payment_reference=XISA+93%2FDJ&order_id=o-1&size=500&offset=500",
      "/settlements/v1/transactions?payment_reference=XISA+93%2FDJ&order_id=o-1&size=500&offset=1000",
    ])
    expect(calls.every((c) => c.operation === "listTransactions")).toBe(true)
    const amounts = (await collect(settlements.transactions({ pageSize: 100 }))).map((t) => t.amount)
    expect(amounts).toEqual(Array.from({ length: 1234 }, (_, i) => i))
  })

  it("pages payouts by `next` when there is no total", async () => {
    const payouts = (n: number) => Array.from({ length: n }, (_, i) => ({ payment_reference: `P${i}` }) as Payout)
    const { settlements, calls } = fakeSettlements(({ path }) => {
      const offset = Number(new URL(path, "http://x").searchParams.get("offset"))
      return offset === 0
        ? { payouts: payouts(2), pagination: { count: 2, next: "more" } }
        : { payouts: payouts(1), pagination: { count: 1 } }
    })
    const refs = (
      await collect(settlements.listPayouts({ start_date: "2030-01-01T00:00:00Z", currency_code: "EUR", pageSize: 2 }))
    ).map((p) => p.payment_reference)
    expect(refs).toEqual(["P0", "P1", "P0"])
    expect(calls.map((c) => c.path)).toEqual([
      "/settlements/v1/payouts?start_date=2030-01-01T00%3A00%3A00Z&currency_code=EUR&size=2&offset=0",
      "/settlements/v1/payouts?start_date=2030-01-01T00%3A00%3A00Z&currency_code=EUR&size=2&offset=2",
    ])
  })

  it("builds the single-resource paths", async () => {
    const { settlements, calls } = fakeSettlements(() => ({}))
    await settlements.getPayout("XISA93DJ")
    await settlements.getPayoutSummary({ start_date: "2030-01-01", end_date: "2030-01-31", currency_code: "SEK" })
    await settlements.listPayoutsPage()
    await settlements.listTransactionsPage({ payment_reference: "R1", size: 20, offset: 40 })
    expect(calls).toEqual([
      { operation: "getPayout", path: "/settlements/v1/payouts/XISA93DJ" },
      {
        operation: "getPayoutSummary",
        path: "/settlements/v1/payouts/summary?start_date=2030-01-01&end_date=2030-01-31&currency_code=SEK",
      },
      { operation: "listPayouts", path: "/settlements/v1/payouts" },
      { operation: "listTransactions", path: "/settlements/v1/transactions?payment_reference=R1&size=20&offset=40" },
    ])
  })

  it("refuses bad arguments as rejections, sending nothing", async () => {
    const { settlements, calls } = fakeSettlements(() => ({}))
    await expect(settlements.getPayout("../payouts")).rejects.toMatchObject({ kind: "invalid_request" })
    await expect(settlements.listTransactionsPage({ size: 501 })).rejects.toThrow(
      /size must be an integer from 1 to 500/
    )
    await expect(settlements.listPayoutsPage({ offset: -1 })).rejects.toThrow(/offset/)
    await expect(collect(settlements.transactions({ pageSize: 0 }))).rejects.toThrow(/pageSize/)
    await expect(settlements.getPayoutSummary({ start_date: "2030-01-01" } as never)).rejects.toThrow(/end_date/)
    expect(calls).toEqual([])
  })

  it("hangs off KlarnaClient without exposing the transport", () => {
    const client = new KlarnaClient({ username: "u", password: "pw-secret", baseUrl: "http://127.0.0.1:9" })
    expect(client.settlements).toBeInstanceOf(KlarnaSettlements)
    expect(client.settlements).toBe(client.settlements)
    expect(Object.keys(client)).not.toContain("settlements")
    expect(inspect(client.settlements, { depth: 5 })).not.toContain("pw-secret")
    client.close()
  })
})
