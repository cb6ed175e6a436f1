import { checkPageSize, MAX_PAGE_SIZE, offsetPages } from "./paginate"
import { pathSegment } from "./path-segment"
import type {
  ListPayoutsQuery,
  ListTransactionsQuery,
  PageRequest,
  Payout,
  PayoutCollection,
  PayoutSummary,
  PayoutSummaryQuery,
  SettlementTransaction,
  StreamOptions,
  TransactionCollection,
} from "./settlements-types"

const SETTLEMENTS = "/settlements/v1"

/** How the Settlements client reaches Klarna: a GET of `path` (with its query string) → the JSON body. */
export type SettlementsGet = <T>(operation: string, path: string) => Promise<T>

type Query = Record<string, string | number | undefined>

function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") params.append(name, String(value))
  }
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

function pageQuery(page: PageRequest): Query {
  return {
    size: page.size === undefined ? undefined : checkPageSize(page.size, "size"),
    offset: page.offset === undefined ? undefined : checkOffset(page.offset),
  }
}

function checkOffset(offset: unknown): number {
  if (typeof offset !== "number" || !Number.isInteger(offset) || offset < 0) {
    throw new TypeError("Klarna client: offset must be a non-negative integer")
  }
  return offset
}

const streamSize = (o: StreamOptions) =>
  o.pageSize === undefined ? MAX_PAGE_SIZE : checkPageSize(o.pageSize, "pageSize")

const payoutFilters = (q: ListPayoutsQuery): Query => ({
  start_date: q.start_date,
  end_date: q.end_date,
  currency_code: q.currency_code,
})

const transactionFilters = (q: ListTransactionsQuery): Query => ({
  payment_reference: q.payment_reference,
  order_id: q.order_id,
})

/**
 * Klarna's Settlements API v1: payouts (the money sent to the merchant's bank under a
 * `payment_reference`) and their transactions. Read-only, so every call is safe to retry; it goes
 * through the owning KlarnaClient's transport (credentials, retries, rate limit, redaction).
 * Get one from `new KlarnaClient(options).settlements`.
 *
 * The iterators stream: they request one page (`pageSize`, default 500, Klarna's maximum) when
 * the previous one has been consumed and keep nothing of earlier pages, so memory stays bounded
 * whatever the size of the payout. Errors surface from the iteration as KlarnaError.
 */
export class KlarnaSettlements {
  constructor(private readonly get: SettlementsGet) {}

  /** One page of payouts (`size` 1..500, Klarna's default 20). */
  listPayoutsPage(query: ListPayoutsQuery & PageRequest = {}): Promise<PayoutCollection> {
    return this.call(() =>
      this.get<PayoutCollection>(
        "listPayouts",
        withQuery(`${SETTLEMENTS}/payouts`, { ...payoutFilters(query), ...pageQuery(query) })
      )
    )
  }

  /** Every payout matching the filters, page by page (in Klarna's order). */
  async *payoutPages(query: ListPayoutsQuery & StreamOptions = {}): AsyncIterable<Payout[]> {
    const size = streamSize(query)
    yield* offsetPages(async (offset, pageSize) => {
      const page = await this.listPayoutsPage({ ...payoutFilters(query), offset, size: pageSize })
      return { items: page.payouts, pagination: page.pagination }
    }, size)
  }

  /** Every payout matching the filters, one at a time. */
  async *listPayouts(query: ListPayoutsQuery & StreamOptions = {}): AsyncIterable<Payout> {
    for await (const page of this.payoutPages(query)) yield* page
  }

  /** One payout; 404 NOT_FOUND (a KlarnaError) for an unknown reference. */
  getPayout(paymentReference: string): Promise<Payout> {
    return this.call(() =>
      this.get<Payout>(
        "getPayout",
        `${SETTLEMENTS}/payouts/${pathSegment("getPayout", "paymentReference", paymentReference)}`
      )
    )
  }

  /** Totals of the payouts between two payout dates, one summary per currency. */
  getPayoutSummary(query: PayoutSummaryQuery): Promise<PayoutSummary[]> {
    return this.call(() => {
      if (!query?.start_date || !query?.end_date) {
        throw new TypeError("Klarna client: getPayoutSummary needs start_date and end_date")
      }
      return this.get<PayoutSummary[]>(
        "getPayoutSummary",
        withQuery(`${SETTLEMENTS}/payouts/summary`, {
          start_date: query.start_date,
          end_date: query.end_date,
          currency_code: query.currency_code,
        })
      )
    })
  }

  /** One page of transactions (`size` 1..500, Klarna's default 20). */
  listTransactionsPage(query: ListTransactionsQuery & PageRequest = {}): Promise<TransactionCollection> {
    return this.call(() =>
      this.get<TransactionCollection>(
        "listTransactions",
        withQuery(`${SETTLEMENTS}/transactions`, { ...transactionFilters(query), ...pageQuery(query) })
      )
    )
  }

  /** The transactions matching the filters, page by page: e.g. to store each page in one write. */
  async *transactionPages(query: ListTransactionsQuery & StreamOptions = {}): AsyncIterable<SettlementTransaction[]> {
    const size = streamSize(query)
    yield* offsetPages(async (offset, pageSize) => {
      const page = await this.listTransactionsPage({ ...transactionFilters(query), offset, size: pageSize })
      return { items: page.transactions, pagination: page.pagination }
    }, size)
  }

  /** The transactions matching the filters, one at a time. */
  async *transactions(query: ListTransactionsQuery & StreamOptions = {}): AsyncIterable<SettlementTransaction> {
    for await (const page of this.transactionPages(query)) yield* page
  }

  /** Argument errors are returned as rejected promises, like every other failure. */
  private call<R>(build: () => Promise<R>): Promise<R> {
    try {
      return build()
    } catch (e) {
      return Promise.reject(e)
    }
  }
}
