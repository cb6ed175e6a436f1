/**
 * npm run bench:settlements-sync — the plugin's payout sync (POST /admin/klarna/settlements/sync,
 * syncKlarnaSettlementsWorkflow) of a payout of 10,000 transactions, on the dev store as a new user
 * runs it (`medusa start`, one process, shared mode, no Redis) against the Klarna emulator (its own
 * process). Three payouts are synced one after the other: a small one (BENCH_SYNC_SMALL, 1,000
 * transactions: the warm-up, and the scale the large ones are compared with), a large one
 * (BENCH_SYNC_TRANSACTIONS, 10,000) timed with the store's RSS sampled every 50 ms, and another
 * large one with the store's live heap sampled (bench/lib/heap-probe.js, preloaded into the store:
 * a forced GC and the heap used, every 200 ms). For contrast the bench holds the large payout's
 * transactions and the rows the sync makes of them in its own heap: what collecting would retain.
 * Prints the figures; exits non-zero when a target is missed:
 *  - live heap growth of the store during the large sync (peak minus before)     target ≤ 8 MB
 *    and below what collecting retains (9.5 MB at 10,000): pages streamed, not collected. It still
 *    grows a little with the payout (≈ 0.3 MB per 1,000 transactions, printed): the transaction
 *    keyer remembers every identity of the payout to number repeats.
 *  - every transaction stored once (rows = transactions = the sync's report), and a second sync
 *    stores nothing more
 * Env: BENCH_SYNC_TRANSACTIONS (10000), BENCH_SYNC_SMALL (1000) — even: half sales, half their fees.
 */
import { readFileSync, writeFileSync } from "fs"
import { setFlagsFromString } from "node:v8"
import { runInNewContext } from "node:vm"
import path from "path"
import { Client } from "pg"
import { KlarnaClient } from "../src/lib/klarna"
import { matchTransaction, transactionKeyer } from "../src/lib/payouts"
import { spawnEmulator } from "./lib/emulator-process"
import { groupRssMb } from "./lib/process-rss"
import { ROOT } from "../scripts/lib/processes"
import { adminLogin } from "../scripts/lib/shop"
import { prepareStore, runCleanups, startMedusa, type Cleanups } from "../scripts/lib/store"

const USERNAME = "bench_merchant"
const PASSWORD = "bench-password-not-logged"
const LARGE = Number(process.env.BENCH_SYNC_TRANSACTIONS ?? 10_000)
const SMALL = Number(process.env.BENCH_SYNC_SMALL ?? 1_000)
const TARGET_LIVE_HEAP_MB = 8
const RSS_EVERY_MS = 50
const HEAP_EVERY_MS = 200
const LOG_DIR = path.join(ROOT, ".tmp/bench-settlements-sync")
const HEAP_OUT = path.join(LOG_DIR, "store-heap.txt")
const MB = 1024 * 1024

setFlagsFromString("--expose-gc")
const gc = runInNewContext("gc") as () => void
const liveHeap = () => {
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

const started = Date.now()
const log = (m: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${m}`)
const sleep = (n: number) => new Promise((r) => setTimeout(r, n))

async function json<T>(url: string, method: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${text}`)
  return JSON.parse(text) as T
}

interface SyncAnswer {
  accounts: { provider_id: string; payouts: { payment_reference: string; transactions: number; status: string }[] }[]
}
interface SyncRun {
  ms: number
  /** peak minus before, MB: the store's RSS (rss runs) or live heap (heap runs) */
  growthMb: number
  beforeMb: number
  answer: SyncAnswer
}

/** The store's live heap samples so far (bytes), written by bench/lib/heap-probe.js. */
const heapSamples = (pid: number) =>
  readFileSync(HEAP_OUT, "utf8")
    .split("\n")
    .filter((l) => l.startsWith(`${pid} `))
    .map((l) => Number(l.split(" ")[1]))

/** Signals the store's heap probe and waits for its sample. */
async function storeLiveHeap(pid: number): Promise<number> {
  const n = heapSamples(pid).length
  process.kill(pid, "SIGUSR2")
  for (const until = Date.now() + 30_000; Date.now() < until; await sleep(20)) {
    const samples = heapSamples(pid)
    if (samples.length > n) return samples[samples.length - 1]
  }
  throw new Error("the store's heap probe did not answer (is bench/lib/heap-probe.js preloaded?)")
}

async function main(): Promise<number> {
  for (const [name, n] of [
    ["BENCH_SYNC_TRANSACTIONS", LARGE],
    ["BENCH_SYNC_SMALL", SMALL],
  ] as const) {
    if (!Number.isInteger(n) || n < 2 || n % 2) throw new Error(`${name} must be an even integer ≥ 2`)
  }
  const cleanups: Cleanups = []
  process.on("SIGINT", () => runCleanups(cleanups).then(() => process.exit(130)))
  const failures: string[] = []
  const rows: string[] = []
  try {
    const emulator = await spawnEmulator({ username: USERNAME, password: PASSWORD })
    cleanups.push(() => emulator.stop())
    log(`Klarna emulator ${emulator.url} (own process); preparing a fresh store…`)
    const store = await prepareStore({
      name: "klarna_bench_settlements_sync",
      logDir: LOG_DIR,
      cleanups,
      log,
      env: {
        KLARNA_USERNAME: USERNAME,
        KLARNA_PASSWORD: PASSWORD,
        KLARNA_BASE_URL: emulator.url,
        REDIS_URL: "",
        MEDUSA_WORKER_MODE: "shared",
      },
    })
    writeFileSync(HEAP_OUT, "")
    const medusa = await startMedusa("store", store, {
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --expose-gc --require ${path.join(__dirname, "lib/heap-probe.js")}`,
      BENCH_HEAP_PROBE_OUT: HEAP_OUT,
    })
    cleanups.push(() => medusa.kill())
    log(`store ${medusa.url} (medusa start, shared mode, no Redis)`)
    const db = new Client({ connectionString: store.databaseUrl })
    // the cleanups drop the database (with force): the connection terminated then is no failure
    db.on("error", (e) => log(`database connection closed: ${e.message}`))
    await db.connect()
    cleanups.push(() => db.end())
    const auth = { authorization: `Bearer ${await adminLogin(medusa.url, store.seed)}` }
    const pid = medusa.process.child.pid!

    const makePayout = async (transactions: number) => {
      await json(`${emulator.url}/__emulator/settlements/transactions`, "POST", {
        type: "SALE",
        amount: 12_345,
        count: transactions / 2,
        currency: "SEK",
        purchase_country: "SE",
        merchant_reference1: "bench-order",
        merchant_capture_reference: "bench-capture",
      })
      // a fee for every sale: the payout holds `transactions` transactions
      return json<{ payment_reference: string }>(`${emulator.url}/__emulator/settlements/payouts`, "POST", {
        currency: "SEK",
        fee_rate: 299,
        fee_fixed: 0,
      })
    }
    const storedRows = async (reference: string) =>
      Number(
        (
          await db.query(
            "select count(*)::int as n from klarna_payout_transaction where payment_reference = $1 and deleted_at is null",
            [reference]
          )
        ).rows[0].n
      )
    const allRows = async () =>
      Number((await db.query("select count(*)::int as n from klarna_payout_transaction")).rows[0].n)

    const sync = async (measure: "rss" | "heap"): Promise<SyncRun> => {
      const sample = async () => (measure === "rss" ? groupRssMb(pid) * MB : await storeLiveHeap(pid))
      const before = await sample()
      let peak = before
      let sampling = Promise.resolve()
      const sampler = setInterval(
        () => {
          sampling = sampling.then(async () => {
            peak = Math.max(peak, await sample())
          })
        },
        measure === "rss" ? RSS_EVERY_MS : HEAP_EVERY_MS
      )
      const t0 = performance.now()
      let answer: SyncAnswer
      try {
        answer = await json<SyncAnswer>(`${medusa.url}/admin/klarna/settlements/sync`, "POST", {}, auth)
      } finally {
        clearInterval(sampler)
      }
      const ms = performance.now() - t0
      await sampling
      peak = Math.max(peak, await sample())
      return { ms, growthMb: (peak - before) / MB, beforeMb: before / MB, answer }
    }
    const synced = (run: SyncRun) => run.answer.accounts.flatMap((a) => a.payouts)

    const runs: { n: number; reference: string; measure: "rss" | "heap"; run: SyncRun }[] = []
    for (const [n, measure] of [
      [SMALL, "heap"],
      [LARGE, "rss"],
      [LARGE, "heap"],
    ] as const) {
      const payout = await makePayout(n)
      const run = await sync(measure)
      log(
        `payout ${payout.payment_reference} of ${n} transactions synced in ${(run.ms / 1000).toFixed(2)} s: ` +
          `store ${measure === "rss" ? "RSS" : "live heap"} ${run.beforeMb.toFixed(1)} MB before, +${run.growthMb.toFixed(1)} MB at the peak`
      )
      runs.push({ n, reference: payout.payment_reference, measure, run })
    }
    const [small, timed, probed] = runs
    const rowsBeforeAgain = await allRows()
    const again = await sync("rss")
    const rowsAfterAgain = await allRows()
    log(`second sync in ${(again.ms / 1000).toFixed(2)} s: ${synced(again).length} payouts synced`)

    // the contrast: the large payout's transactions, and the rows the sync makes of them, held at once
    const client = new KlarnaClient({ username: USERNAME, password: PASSWORD, baseUrl: emulator.url })
    const heapBefore = liveHeap()
    const held: unknown[] = []
    const keyOf = transactionKeyer(probed.reference)
    for await (const page of client.settlements.transactionPages({ payment_reference: probed.reference })) {
      for (const transaction of page)
        held.push({
          key: keyOf(transaction),
          payment_reference: probed.reference,
          transaction,
          match: matchTransaction(transaction, undefined, "SEK"),
        })
    }
    const collectedMb = (liveHeap() - heapBefore) / MB
    client.close()
    log(`for contrast, ${held.length} transactions and their rows held at once retain ${collectedMb.toFixed(1)} MB`)
    held.length = 0

    const secs = (run: SyncRun, n: number) =>
      `${(run.ms / 1000).toFixed(2)} s (${Math.round((n / run.ms) * 1000)} transactions/s)`
    rows.push(
      `  sync of ${SMALL} transactions (warm-up, heap probed)            ${secs(small.run, SMALL)}`,
      `  sync of ${LARGE} transactions                                  ${secs(timed.run, LARGE)}`,
      `  store RSS growth during it (sampled every ${RSS_EVERY_MS} ms, garbage included) ${timed.run.growthMb.toFixed(1)} MB`,
      `  store live heap growth, sync of ${SMALL}                         ${small.run.growthMb.toFixed(1)} MB`,
      `  held at once (collecting), ${LARGE} transactions and their rows   ${collectedMb.toFixed(1)} MB`,
      `  store live heap growth per 1,000 transactions beyond the ${SMALL}    ` +
        `${(((probed.run.growthMb - small.run.growthMb) / (LARGE - SMALL)) * 1000).toFixed(2)} MB`
    )
    const ok = probed.run.growthMb <= TARGET_LIVE_HEAP_MB && probed.run.growthMb < collectedMb
    rows.push(
      `  store live heap growth, sync of ${LARGE} (GC every ${HEAP_EVERY_MS} ms)        ${probed.run.growthMb.toFixed(1)} MB  target ≤ ${TARGET_LIVE_HEAP_MB} MB  ${ok ? "ok" : "MISSED"}`
    )
    if (!ok)
      failures.push(
        `store live heap growth ${probed.run.growthMb.toFixed(1)} MB > ${TARGET_LIVE_HEAP_MB} MB or ≥ collecting's ${collectedMb.toFixed(1)} MB`
      )
    const truth = (label: string, good: boolean, detail: string) => {
      rows.push(`  ${label.padEnd(62)} ${String(good).padStart(5)}  (${detail})  ${good ? "ok" : "MISSED"}`)
      if (!good) failures.push(label)
    }
    for (const { n, reference, run } of runs) {
      const stored = await storedRows(reference)
      const reported = synced(run).find((p) => p.payment_reference === reference)?.transactions
      truth(
        `payout ${reference} of ${n}: every transaction stored once`,
        stored === n && reported === n,
        `${stored} rows, the sync reported ${reported}`
      )
    }
    truth(
      "a second sync stores nothing more",
      synced(again).length === 0 && rowsAfterAgain === rowsBeforeAgain,
      `${synced(again).length} payouts synced, ${rowsAfterAgain - rowsBeforeAgain} rows added`
    )
  } finally {
    await runCleanups(cleanups)
  }
  console.log(`\nsettlements sync (${path.basename(__filename)})`)
  for (const row of rows) console.log(row)
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
