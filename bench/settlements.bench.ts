/**
 * npm run bench:settlements — a payout of 10,000 transactions streamed through the Settlements
 * client (`client.settlements.transactions()`, pages of 500) from the emulator, which runs in a
 * separate process. Prints the time and memory figures; exits non-zero when a target is missed:
 *  - live heap growth while streaming (heap after a forced GC at every page, minus the heap before)
 *    ≤ 3 MB: pages are streamed, not collected. For contrast it also measures what holding every
 *    transaction in an array retains (5.4 MB at 10,000: collecting would miss the target).
 *  - RSS growth over the whole stream ≤ 30 MB (after a warm-up pass over the same payout).
 *  - every transaction arrives once and the streamed transactions add up to the payout's totals.
 * Env: BENCH_SETTLEMENT_TRANSACTIONS (10000, even: half sales, half their fees).
 */
import { setFlagsFromString } from "node:v8"
import { runInNewContext } from "node:vm"
import {
  expectedSettlementAmount,
  KlarnaClient,
  type Payout,
  type SettlementTransaction,
  TransactionTotals,
} from "../src/lib/klarna"
import { spawnEmulator } from "./lib/emulator-process"
import { fmt } from "./lib/stats"

const USERNAME = "bench_user"
const PASSWORD = "bench_password"
const TRANSACTIONS = Number(process.env.BENCH_SETTLEMENT_TRANSACTIONS ?? 10_000)
const PAGE_SIZE = 500

const TARGET_LIVE_HEAP_MB = 3
const TARGET_RSS_MB = 30

setFlagsFromString("--expose-gc")
const gc = runInNewContext("gc") as () => void

const MB = 1024 * 1024
const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`

function liveHeap(): number {
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

/** Adds 52 bits of the capture id (mod 2^52). */
function addToChecksum(sum: number, transaction: SettlementTransaction): number {
  const bits = parseInt((transaction.capture_id ?? "").replace(/-/g, "").slice(0, 13), 16)
  return (sum + bits) % 2 ** 52
}

async function json<T>(url: string, method: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${text}`)
  return JSON.parse(text) as T
}

async function main(): Promise<number> {
  if (!Number.isInteger(TRANSACTIONS) || TRANSACTIONS < 2 || TRANSACTIONS % 2) {
    throw new Error("BENCH_SETTLEMENT_TRANSACTIONS must be an even integer ≥ 2")
  }
  const failures: string[] = []
  const check = (label: string, value: number, target: number, show: (x: number) => string) => {
    const ok = value <= target
    console.log(`  ${label.padEnd(48)} ${show(value).padStart(10)}  target ≤ ${show(target)}  ${ok ? "ok" : "MISSED"}`)
    if (!ok) failures.push(`${label} ${show(value)} > ${show(target)}`)
  }

  const emulator = await spawnEmulator({ username: USERNAME, password: PASSWORD })
  const client = new KlarnaClient({ username: USERNAME, password: PASSWORD, baseUrl: emulator.url })
  try {
    // ---- a payout of TRANSACTIONS transactions: half sales (as captured in Klarna's portal), half their fees
    const sales = TRANSACTIONS / 2
    const t0 = performance.now()
    await json(`${emulator.url}/__emulator/settlements/transactions`, "POST", {
      type: "SALE",
      amount: 12_345,
      count: sales,
      currency: "SEK",
      purchase_country: "SE",
      merchant_reference1: "bench-order",
      merchant_capture_reference: "bench-capture",
    })
    const payout = await json<Payout>(`${emulator.url}/__emulator/settlements/payouts`, "POST", {
      fee_rate: 299,
      fee_fixed: 0,
    })
    console.log(
      `payout ${payout.payment_reference}: ${sales} sales + ${sales} fees made in the emulator in ${fmt(performance.now() - t0)}`
    )

    // ---- 1. stream it through the client, measuring the live heap at every page. A first pass
    // warms up (JIT, sockets, V8 growing its young generation) so that what follows is growth
    // from streaming, not the process settling.
    for await (const _ of client.settlements.transactions({ payment_reference: payout.payment_reference })) {
      // warm-up
    }
    const heapBefore = liveHeap()
    const rssBefore = process.memoryUsage().rss
    let peakLive = 0
    let peakRss = -Infinity
    let count = 0
    // an order-independent checksum of the sales' capture ids: constant memory, compared below
    // with the collected pass, so a page served twice (and another skipped) shows
    let checksum = 0
    const totals = new TransactionTotals()
    const started = performance.now()
    let paused = 0
    for await (const transaction of client.settlements.transactions({
      payment_reference: payout.payment_reference,
      pageSize: PAGE_SIZE,
    })) {
      count++
      totals.add(transaction)
      if (transaction.type === "SALE") checksum = addToChecksum(checksum, transaction)
      if (count % PAGE_SIZE === 0) {
        const p = performance.now()
        peakLive = Math.max(peakLive, liveHeap() - heapBefore)
        peakRss = Math.max(peakRss, process.memoryUsage().rss - rssBefore)
        paused += performance.now() - p
      }
    }
    const elapsed = performance.now() - started - paused
    peakLive = Math.max(peakLive, liveHeap() - heapBefore)
    peakRss = Math.max(peakRss, process.memoryUsage().rss - rssBefore)

    console.log(
      `\n1) ${count} transactions streamed in ${Math.ceil(count / PAGE_SIZE)} pages of ${PAGE_SIZE}: ` +
        `${fmt(elapsed)} (${Math.round((count / elapsed) * 1000)} transactions/s, GC pauses for measuring excluded)`
    )
    console.log(`  heap before ${mb(heapBefore)}, RSS before ${mb(rssBefore)}`)

    // ---- 2. the contrast: what holding every transaction retains
    const held: SettlementTransaction[] = []
    for await (const page of client.settlements.transactionPages({ payment_reference: payout.payment_reference })) {
      held.push(...page)
    }
    const heldMb = (liveHeap() - heapBefore) / MB
    console.log(
      `\n2) for contrast, the same ${held.length} transactions collected in an array retain ${heldMb.toFixed(1)} MB`
    )
    const distinctSales = new Set(held.filter((t) => t.type === "SALE").map((t) => t.capture_id)).size
    const heldChecksum = held.reduce((sum, t) => (t.type === "SALE" ? addToChecksum(sum, t) : sum), 0)
    held.length = 0

    console.log("\ntargets")
    check("live heap growth while streaming", peakLive / MB, TARGET_LIVE_HEAP_MB, (x) => `${x.toFixed(1)} MB`)
    check("RSS growth while streaming", peakRss / MB, TARGET_RSS_MB, (x) => `${x.toFixed(1)} MB`)

    const expectedTotals = { ...payout.totals, ...totals.totals }
    const correct =
      count === TRANSACTIONS &&
      distinctSales === sales &&
      heldChecksum === checksum &&
      JSON.stringify(expectedTotals) === JSON.stringify(payout.totals) &&
      expectedSettlementAmount(payout.totals) === payout.totals.settlement_amount
    console.log(
      `  ${"every transaction once, totals add up".padEnd(48)} ${String(correct).padStart(10)}  ` +
        `(${count} transactions, ${distinctSales} distinct sales, settlement ${payout.totals.settlement_amount})  ${correct ? "ok" : "MISSED"}`
    )
    if (!correct) failures.push("the streamed transactions do not match the payout")
  } finally {
    client.close()
    await emulator.stop()
  }
  console.log(failures.length ? `\nMISSED: ${failures.join("; ")}` : "\nall targets met")
  return failures.length ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e)
    process.exit(2)
  }
)
