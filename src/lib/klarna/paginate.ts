import type { SettlementsPagination } from "./settlements-types"

/** Klarna's page size limit on the Settlements API. */
export const MAX_PAGE_SIZE = 500

export interface FetchedPage<T> {
  items: T[]
  pagination: SettlementsPagination
}

/**
 * Streams a Klarna collection page by page (`size`/`offset`), holding one page at a time.
 * Stops when `offset` reaches `pagination.total`, or, when Klarna gives no total, when there is
 * no `next` link; an empty page always ends it (a server that ignores `offset` cannot loop it).
 */
export async function* offsetPages<T>(
  fetchPage: (offset: number, size: number) => Promise<FetchedPage<T>>,
  size: number
): AsyncGenerator<T[], void, undefined> {
  let offset = 0
  for (;;) {
    const { items, pagination } = await fetchPage(offset, size)
    if (items.length === 0) return
    offset += items.length
    yield items
    const more = pagination.total !== undefined ? offset < pagination.total : !!pagination.next
    if (!more) return
  }
}

/** 1..500, integer; anything else is a programming error of the caller. */
export function checkPageSize(size: unknown, name: string): number {
  if (typeof size !== "number" || !Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new TypeError(`Klarna client: ${name} must be an integer from 1 to ${MAX_PAGE_SIZE}`)
  }
  return size
}
