import { badValue } from "./errors"
import type { EmulatorRequest } from "./http"

/** Klarna's default and largest page of the Settlements API. */
export const DEFAULT_PAGE_SIZE = 20
export const MAX_PAGE_SIZE = 500

export interface Page {
  size: number
  offset: number
}

const INTEGER = /^\d+$/

/** `size` (1..500, default 20) and `offset` (≥ 0, default 0) of a list request; 400 BAD_VALUE otherwise. */
export function pageOf(query: Record<string, string>): Page {
  const problems: string[] = []
  const size = query.size === undefined ? DEFAULT_PAGE_SIZE : Number(query.size)
  if (query.size !== undefined && !(INTEGER.test(query.size) && size >= 1 && size <= MAX_PAGE_SIZE)) {
    problems.push(`Bad value: size (an integer from 1 to ${MAX_PAGE_SIZE})`)
  }
  const offset = query.offset === undefined ? 0 : Number(query.offset)
  if (query.offset !== undefined && !(INTEGER.test(query.offset) && Number.isSafeInteger(offset))) {
    problems.push("Bad value: offset (an integer ≥ 0)")
  }
  if (problems.length) throw badValue(...problems)
  return { size, offset }
}

/** One page of `items` with Klarna's pagination object; `next`/`prev` repeat the request's other parameters. */
export function paginate<T>(request: EmulatorRequest, items: readonly T[], page: Page) {
  const slice = items.slice(page.offset, page.offset + page.size)
  const link = (offset: number) => {
    const params = new URLSearchParams({ ...request.query, offset: String(offset), size: String(page.size) })
    return `${request.baseUrl}${request.path}?${params}`
  }
  const pagination: { count: number; total: number; offset: number; next?: string; prev?: string } = {
    count: slice.length,
    total: items.length,
    offset: page.offset,
  }
  if (page.offset + slice.length < items.length) pagination.next = link(page.offset + slice.length)
  if (page.offset > 0) pagination.prev = link(Math.max(0, page.offset - page.size))
  return { slice, pagination }
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i

/**
 * An ISO 8601 date or date-time as epoch ms, or undefined when it is not one (nor a real calendar
 * day: 2020-02-31 is refused, not rolled over). A bare date is 00:00:00 of that day and a time
 * without zone is UTC, as Klarna reads them.
 */
export function parseIsoDate(value: string): number | undefined {
  const match = ISO_DATE_TIME.exec(value)
  if (!match) return undefined
  const [, year, month, day, time, , , zone] = match
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  if (calendar.getUTCMonth() !== Number(month) - 1 || calendar.getUTCDate() !== Number(day)) return undefined
  const ms = Date.parse(time && !zone ? `${value}Z` : value)
  return Number.isNaN(ms) ? undefined : ms
}

/** A date query parameter as epoch ms (see parseIsoDate); 400 BAD_VALUE when it is not one. */
export function dateParam(name: string, value: string | undefined, required = false): number | undefined {
  if (value === undefined || value === "") {
    if (required) throw badValue(`Bad value: ${name} (required, an ISO 8601 date-time)`)
    return undefined
  }
  const ms = parseIsoDate(value)
  if (ms === undefined) throw badValue(`Bad value: ${name} (an ISO 8601 date-time, e.g. 2020-01-23T00:00:00Z)`)
  return ms
}
