// What a chaos case ended with, and whether it is lost, doubled or silent.

export interface Book {
  /** minor units */
  amount: number
  count: number
}

export interface CaptureRecordRow {
  status: string
  amount: number
  last_error?: unknown
}

export interface Expected extends Book {
  /** Klarna refuses (nothing left to capture): a visible failed record is required */
  refusal?: boolean
}

export interface Outcome {
  klarna: Book
  medusa: Book
  expected: Expected
  records: CaptureRecordRow[]
  /** a case where the capture cannot happen before healing: was a pending/failed record visible? */
  visibleBeforeHeal?: boolean
}

export interface Verdict {
  lost: boolean
  doubled: boolean
  silent: boolean
  reasons: string[]
}

const unsettled = (r: CaptureRecordRow) => r.status !== "succeeded"

export function judge(o: Outcome): Verdict {
  const reasons: string[] = []
  const { klarna, medusa, expected } = o
  for (const [side, book] of [
    ["Klarna", klarna],
    ["Medusa", medusa],
  ] as const) {
    if (book.amount < expected.amount) reasons.push(`lost: ${side} captured ${book.amount} < ${expected.amount}`)
    if (book.amount > expected.amount) reasons.push(`doubled: ${side} captured ${book.amount} > ${expected.amount}`)
    if (book.count > expected.count) reasons.push(`doubled: ${side} has ${book.count} captures > ${expected.count}`)
  }
  if (o.records.some((r) => r.status === "succeeded" && Number(r.amount) === 0))
    reasons.push("silent: a record succeeded with amount 0")
  if (expected.refusal && !o.records.some((r) => unsettled(r) && r.status !== "pending")) {
    reasons.push("silent: Klarna refused, no failed record")
  }
  if (o.visibleBeforeHeal === false) reasons.push("silent: no pending/failed record before healing")
  return {
    lost: reasons.some((r) => r.startsWith("lost")),
    doubled: reasons.some((r) => r.startsWith("doubled")),
    silent: reasons.some((r) => r.startsWith("silent")),
    reasons,
  }
}

/** settled = both books at the expected figures and no record left pending */
export function settled(o: Omit<Outcome, "visibleBeforeHeal">): boolean {
  const books = [o.klarna, o.medusa].every((b) => b.amount === o.expected.amount && b.count === o.expected.count)
  const noPending = !o.records.some((r) => r.status === "pending")
  const refusalShown = !o.expected.refusal || o.records.some((r) => unsettled(r) && r.status !== "pending")
  return books && noPending && refusalShown
}

const fmtBook = (b: Book) => `${(b.amount / 100).toFixed(2)} SEK/${b.count}`

export function caseLine(name: string, o: Outcome, v: Verdict, note: string, error?: string): string {
  const mark = v.lost || v.doubled || v.silent || error ? "FAIL" : "ok  "
  const expected = `${fmtBook(o.expected)}${o.expected.refusal ? " +failed record" : ""}`
  const why = v.reasons.length ? `  ← ${v.reasons.join("; ")}` : ""
  return `${mark} ${name.padEnd(54)} Klarna ${fmtBook(o.klarna).padEnd(14)} Medusa ${fmtBook(o.medusa).padEnd(14)} expected ${expected.padEnd(16)} ${note}${why}`
}
