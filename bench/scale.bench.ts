/**
 * npm run bench:scale — the plugin's scheduled jobs at a store's size. Builds a store of
 * BENCH_ORDERS orders (100,000) spread over 35 days: one order of each kind is placed through
 * Medusa's APIs (Klarna shipped and captured, Klarna unshipped, Klarna canceled, system-provider
 * shipped and captured, system-provider unshipped; 35/20/5/25/15 %), then copied row for row in
 * bulk (bench/lib/store-copy.ts). The copies are proven through Medusa: the admin API reads a copy
 * of each kind like its template, and BENCH_NEW_SHIPMENTS (100) copied Klarna orders are shipped
 * through the admin API and captured by the retry job's tick, at Klarna and in Medusa.
 *
 * The store runs as Medusa's server on Redis (shipment events wait in Redis's queue: no worker
 * consumes them); a second process (`medusa exec bench/lib/scale-ticks.ts`, Medusa's server mode,
 * so it consumes no events either) plays the worker's scheduled jobs and runs one tick at a time. Per job, at 1,000 orders and at BENCH_ORDERS: the first tick (no sweep mark yet),
 * then BENCH_TICKS ticks with nothing new (p50 ms, rows PostgreSQL returned, RSS growth), and at
 * BENCH_ORDERS one tick with the new shipments. Targets (exit 1 when missed; the table is printed last):
 *  - a tick with nothing new ≤ 100 ms at BENCH_ORDERS
 *  - tick(BENCH_ORDERS) / tick(1,000) ≤ 1.5
 *  - the retry job's tick with 100 new shipments ≤ 100 × one capture's own cost (the fulfillment's
 *    capture as its subscriber runs it, p50 of BENCH_SINGLE_CAPTURES)
 */
import { createRequire } from "module"
import path from "path"
import { Client } from "pg"
import { copyKlarnaOrder } from "./lib/copied-orders"
import { spawnEmulator } from "./lib/emulator-process"
import { mapPool } from "./lib/pool"
import { percentile } from "./lib/stats"
import { captureTemplate, copyTemplate, restock, snapshot, type Template } from "./lib/store-copy"
import { MEDUSA_CLI, ROOT, spawnLogged, type Spawned } from "../scripts/lib/processes"
import { startRedis } from "../scripts/lib/redis"
import { adminLogin, shop, type PlacedOrder, type Shop } from "../scripts/lib/shop"
import { killGroup, prepareStore, runCleanups, startMedusa, type Cleanups } from "../scripts/lib/store"
const { freePort } = createRequire(__filename)("../scripts/lib/database")

const ORDERS = Number(process.env.BENCH_ORDERS ?? 100_000)
const SMALL = Math.min(1000, ORDERS)
const TICKS = Number(process.env.BENCH_TICKS ?? 15)
const NEW = Number(process.env.BENCH_NEW_SHIPMENTS ?? 100)
const SINGLES = Number(process.env.BENCH_SINGLE_CAPTURES ?? 5)
const DAY = 86400_000
const USERNAME = "bench_merchant"
const PASSWORD = "bench-password-not-logged"
const ITEMS = [{ sku: "SCARF-GREY", quantity: 1 }]
const TARGETS = { idleMs: 100, growth: 1.5 }

type Kind = "klarna-shipped" | "klarna-unshipped" | "klarna-canceled" | "system-shipped" | "system-unshipped"
const SHARE: Record<Kind, number> = {
  "klarna-shipped": 0.35,
  "klarna-unshipped": 0.2,
  "klarna-canceled": 0.05,
  "system-shipped": 0.25,
  "system-unshipped": 0.15,
}
const KINDS = Object.keys(SHARE) as Kind[]

const started = Date.now()
const log = (m: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${m}`)
const p50 = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50
  )
/** deterministic ages: copy i of a kind is i × 35 days / count old, give or take (golden-ratio jitter) */
const ageOf = (count: number) => (i: number) => ((i + ((i * 0.618034) % 1)) / Math.max(1, count)) * 35 * DAY

interface Tick {
  ms: number
  rows: number
  rss_mb: number
}
interface JobFigures {
  first: Tick
  idle: Tick[]
}

async function main(): Promise<number> {
  const cleanups: Cleanups = []
  process.on("SIGINT", () => runCleanups(cleanups).then(() => process.exit(130)))
  try {
    const logDir = path.join(ROOT, ".tmp/bench-scale")
    const emulator = await spawnEmulator({ username: USERNAME, password: PASSWORD })
    cleanups.push(() => emulator.stop())
    log(`Klarna emulator ${emulator.url}; preparing a fresh store…`)
    const store = await prepareStore({
      name: "klarna_bench_scale",
      logDir,
      cleanups,
      log,
      env: {
        KLARNA_USERNAME: USERNAME,
        KLARNA_PASSWORD: PASSWORD,
        KLARNA_BASE_URL: emulator.url,
        REDIS_URL: "",
        // the ticks are the bench's: the retry job's own schedule never fires during the run
        KLARNA_RETRY_JOB_SCHEDULE: "0 0 1 1 *",
      },
    })
    const db = new Client({ connectionString: store.databaseUrl })
    db.on("error", (e) => log(`database connection closed: ${e.message}`))
    await db.connect()
    cleanups.push(() => db.end())

    // 1. one order of each kind, through Medusa (shared mode: the capture subscriber runs)
    const shared = await startMedusa("store-shared", store, { MEDUSA_WORKER_MODE: "shared" })
    let s: Shop = shop({
      medusaUrl: shared.url,
      emulatorUrl: emulator.url,
      seed: store.seed,
      token: await adminLogin(shared.url, store.seed),
    })
    log("placing one order of each kind through Medusa's APIs (the templates)…")
    const templates = new Map<Kind, { template: Template; order: PlacedOrder }>()
    for (const kind of KINDS) {
      const before = await snapshot(db)
      const order = await placeTemplate(s, db, kind)
      templates.set(kind, { template: await captureTemplate(db, kind, before), order })
    }
    await shared.kill()
    const rowsPerOrder = KINDS.map((k) => templates.get(k)!.template.tables.reduce((n, t) => n + t.rows.length, 0))
    log(`templates: ${KINDS.map((k, i) => `${k} ${rowsPerOrder[i]} rows`).join(", ")}`)

    // 2. the store as Medusa's server on Redis (its events wait in Redis's queue for a worker that
    // never comes), and a process that plays the worker's scheduled jobs, one tick at a time
    const redis = await startRedis(logDir)
    cleanups.push(() => redis.stop())
    const server = await startMedusa("store-server", store, { MEDUSA_WORKER_MODE: "server", REDIS_URL: redis.url })
    cleanups.push(() => server.kill())
    s = shop({
      medusaUrl: server.url,
      emulatorUrl: emulator.url,
      seed: store.seed,
      token: await adminLogin(server.url, store.seed),
    })
    const ticks = await startTicks({ ...store.env, REDIS_URL: redis.url }, logDir)
    cleanups.push(() => killGroup(ticks.spawned))
    const jobs: string[] = await ticks.call("/jobs")

    const copied = new Map<Kind, number>(KINDS.map((k) => [k, 1]))
    /** the order id of the latest copy of each kind */
    const lastCopy = new Map<Kind, string>()
    const growTo = async (n: number) => {
      const t0 = Date.now()
      for (const kind of KINDS) {
        const want = Math.round(n * SHARE[kind])
        const have = copied.get(kind)!
        if (want <= have) continue
        const age = ageOf(want)
        const ids = await copyTemplate(db, templates.get(kind)!.template, want - have, (i) => age(have + i))
        lastCopy.set(kind, ids.get(templates.get(kind)!.order.orderId)!)
        copied.set(kind, want)
      }
      await restock(db)
      const total = [...copied.values()].reduce((a, b) => a + b, 0)
      log(`store: ${total} orders (${((Date.now() - t0) / 1000).toFixed(0)}s of bulk copy)`)
      // a live store's autovacuum keeps PostgreSQL's statistics and visibility maps current; a store
      // that just gained its orders in one bulk copy has not had that yet, and its ticks would time
      // autovacuum catching up (and plans made on stale statistics)
      const v0 = Date.now()
      await db.query("vacuum analyze")
      // and its writes are flushed now, not by a checkpoint in the middle of the first job's ticks
      await db.query("checkpoint")
      log(`vacuum analyze, checkpoint: ${((Date.now() - v0) / 1000).toFixed(0)}s`)
      return total
    }
    const measure = async (): Promise<Map<string, JobFigures>> => {
      const out = new Map<string, JobFigures>()
      // a fresh install on this store: no sweep mark yet (the first tick looks back 35 days)
      await db.query("delete from klarna_sweep_state")
      for (const job of jobs) out.set(job, { first: await ticks.call(`/tick?job=${job}`), idle: [] })
      // round robin: whatever the machine does meanwhile falls on every job alike
      for (let i = 0; i < TICKS; i++)
        for (const job of jobs) out.get(job)!.idle.push(await ticks.call(`/tick?job=${job}`))
      for (const job of jobs) {
        const { first, idle } = out.get(job)!
        log(
          `  ${job}: first ${first.ms.toFixed(1)} ms (${first.rows} rows), idle p50 ${p50(idle.map((t) => t.ms)).toFixed(1)} ms (${p50(idle.map((t) => t.rows))} rows)`
        )
      }
      return out
    }

    const smallOrders = await growTo(SMALL)
    log(`ticks at ${smallOrders} orders…`)
    const small = await measure()
    const bigOrders = await growTo(ORDERS)
    log(`ticks at ${bigOrders} orders…`)
    const big = await measure()

    // 3. the copies through Medusa: the admin API reads them like their templates
    log("proof: a copy of each kind read through the admin API, compared with its template…")
    const proof = await proveCopies(s, templates, lastCopy)

    // 4. new shipments of copied Klarna orders, each with its own order at Klarna
    log(`one capture's own cost: ${SINGLES} shipments of copied Klarna orders, each captured on its own…`)
    const fresh = await copiedKlarnaOrders(db, emulator.url, templates.get("klarna-unshipped")!.order, SINGLES + NEW)
    const singles: number[] = []
    for (const o of fresh.slice(0, SINGLES)) {
      const fid = await shipAll(s, db, o.id)
      singles.push(((await ticks.call(`/capture?fulfillment_id=${fid}`)) as Tick).ms)
    }
    log(`${NEW} new shipments through the admin API (no event reaches the worker), then one tick of each job…`)
    const batch = fresh.slice(SINGLES)
    await mapPool(batch, 4, (o) => shipAll(s, db, o.id))
    const recordsBefore = Number(
      (
        await db.query("select count(*)::int as n from klarna_capture where order_id = any($1)", [
          batch.map((o) => o.id),
        ])
      ).rows[0].n
    )
    log(`before the ticks: ${recordsBefore} of ${batch.length} new shipments have a capture record`)
    const withNew = new Map<string, Tick>()
    // the retry job first: it is the one with work to do
    for (const job of [...jobs].sort((a) => (a === "klarna-retry-captures" ? -1 : 0)))
      withNew.set(job, await ticks.call(`/tick?job=${job}`))
    const captured = await capturedBoth(db, emulator.url, batch)
    await ticks.call("/exit").catch(() => undefined)

    // the table, last
    const onePerCapture = p50(singles)
    let missed = 0
    const verdict = (ok: boolean) => {
      if (!ok) missed++
      return ok ? "ok" : "MISSED"
    }
    console.log(
      `\nproof: ${proof.join("; ")}; ${captured.klarna}/${batch.length} new shipments captured at Klarna, ${captured.medusa}/${batch.length} in Medusa, amounts equal: ${captured.amountsEqual}`
    )
    if (captured.klarna !== batch.length || captured.medusa !== batch.length || !captured.amountsEqual) missed++
    console.log(
      `\n${"job".padEnd(32)} ${"orders".padStart(7)} ${"first tick".padStart(11)} ${"idle p50".padStart(9)} ${"rows".padStart(6)} ${"RSS +MB".padStart(8)}   targets`
    )
    for (const job of jobs) {
      for (const [orders, figs] of [
        [smallOrders, small.get(job)!],
        [bigOrders, big.get(job)!],
      ] as const) {
        const idle = p50(figs.idle.map((t) => t.ms))
        const rows = p50(figs.idle.map((t) => t.rows))
        const rss = figs.idle[figs.idle.length - 1].rss_mb - figs.first.rss_mb
        const targets =
          orders === bigOrders
            ? (() => {
                const ratio = idle / p50(small.get(job)!.idle.map((t) => t.ms))
                return `idle ${idle.toFixed(1)} ≤ ${TARGETS.idleMs} ms ${verdict(idle <= TARGETS.idleMs)}; ×${ratio.toFixed(2)} of ${smallOrders} ≤ ${TARGETS.growth} ${verdict(ratio <= TARGETS.growth)}`
              })()
            : ""
        console.log(
          `${job.padEnd(32)} ${String(orders).padStart(7)} ${figs.first.ms.toFixed(1).padStart(8)} ms ${idle.toFixed(1).padStart(6)} ms ${String(rows).padStart(6)} ${rss.toFixed(1).padStart(8)}   ${targets}`
        )
      }
      const t = withNew.get(job)!
      const capture = job === "klarna-retry-captures"
      console.log(
        `${job.padEnd(32)} ${`+${NEW} new`.padStart(7)} ${"".padStart(11)} ${t.ms.toFixed(1).padStart(6)} ms ${String(t.rows).padStart(6)} ${"".padStart(8)}   ${
          capture
            ? `${t.ms.toFixed(0)} ≤ ${NEW} × ${onePerCapture.toFixed(1)} ms (one capture) ${verdict(t.ms <= NEW * onePerCapture)}`
            : ""
        }`
      )
    }
    console.log(
      `\n${bigOrders} orders (${KINDS.map((k) => `${k} ${copied.get(k)}`).join(", ")}), ${TICKS} idle ticks per job and size; ${missed ? `${missed} target(s) missed` : "all targets met"} (${((Date.now() - started) / 1000).toFixed(0)}s)`
    )
    await runCleanups(cleanups)
    return missed ? 1 : 0
  } catch (e) {
    console.error(`bench:scale failed: ${(e as Error).stack ?? e}\nlogs: .tmp/bench-scale/`)
    await runCleanups(cleanups)
    return 2
  }
}

const poll = async (what: string, fn: () => Promise<boolean>, timeoutMs = 60_000) => {
  const until = Date.now() + timeoutMs
  while (!(await fn())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** One order of `kind`, through the store and admin APIs, settled (captured, canceled) before it is copied. */
async function placeTemplate(s: Shop, db: Client, kind: Kind): Promise<PlacedOrder> {
  const order = kind.startsWith("klarna") ? await s.checkoutKlarna(ITEMS) : await s.checkoutSystem(ITEMS)
  if (kind.endsWith("shipped") && !kind.endsWith("unshipped")) {
    await shipAll(s, db, order.orderId)
    if (kind === "system-shipped") await s.admin.post(`/admin/payments/${order.paymentId}/capture`, {})
    await poll(
      `${kind} captured`,
      async () =>
        (await s.medusaCaptured(order.orderId)).count === 1 &&
        (kind === "system-shipped" ||
          (await db.query("select 1 from klarna_capture where order_id = $1 and status = 'succeeded'", [order.orderId]))
            .rowCount === 1)
    )
  }
  if (kind === "klarna-canceled") {
    await s.admin.post(`/admin/orders/${order.orderId}/cancel`, {})
    await poll("the Klarna cancel settled", async () => {
      const { rowCount } = await db.query(
        "select 1 from klarna_order_operation where order_id = $1 and status = 'succeeded'",
        [order.orderId]
      )
      return rowCount === 1
    })
  }
  // whatever the subscribers still write (action log, payment status) lands before the copy
  await new Promise((r) => setTimeout(r, 1500))
  return order
}

/** Fulfills and ships every item of the order through the admin API (its items read from Medusa's order_item rows). */
async function shipAll(s: Shop, db: Client, orderId: string): Promise<string> {
  const { rows } = await db.query(
    `select oi.item_id as id, oi.quantity::int as quantity from order_item oi
     join "order" o on o.id = oi.order_id and oi.version = o.version
     where o.id = $1 and oi.deleted_at is null`,
    [orderId]
  )
  const items = rows.map((r: { id: string; quantity: number }) => ({ id: r.id, quantity: Number(r.quantity) }))
  const fid = await s.fulfill(orderId, items)
  await s.ship(orderId, fid, items)
  return fid
}

/** References a copy shares with its template (the store's setup: location, shipping option, admin, …). */
const SHARED = new Set(["location_id", "shipping_option_id", "marked_shipped_by", "created_by", "provider_id"])
const MEDUSA_ID = /^[a-z]+(?:_[a-z]+)*_[0-9A-HJKMNP-TV-Z]{26}$/

/** The admin API's view of an order, without what makes it its own (its ids, display id, times). */
async function adminView(s: Shop, orderId: string) {
  const { order } = await s.admin.get(
    `/admin/orders/${orderId}?fields=status,payment_status,fulfillment_status,total,subtotal,tax_total,shipping_total,currency_code,items.quantity,items.unit_price,items.variant_sku,fulfillments.shipped_at,fulfillments.canceled_at,payment_collections.status,payment_collections.amount,payment_collections.payments.provider_id,payment_collections.payments.amount,payment_collections.payments.captures.amount`
  )
  return JSON.stringify(order, (k, v) => {
    if (k === "display_id") return undefined
    if (k.endsWith("_at")) return v === null ? null : typeof v
    if (typeof v === "string" && MEDUSA_ID.test(v) && !SHARED.has(k)) return v.slice(0, v.lastIndexOf("_"))
    return v
  })
}

async function proveCopies(
  s: Shop,
  templates: Map<Kind, { template: Template; order: PlacedOrder }>,
  copies: Map<Kind, string>
): Promise<string[]> {
  const out: string[] = []
  const { count } = await s.admin.get("/admin/orders?limit=1&fields=id")
  out.push(`admin API lists ${count} orders`)
  for (const [kind, { order }] of templates) {
    const copy = copies.get(kind)
    if (!copy) throw new Error(`no copy of ${kind}`)
    const [a, b] = await Promise.all([adminView(s, order.orderId), adminView(s, copy)])
    if (a !== b) throw new Error(`the copy of ${kind} reads differently:\n${a}\n${b}`)
    out.push(`${kind} copy reads as its template`)
  }
  return out
}

interface Copied {
  id: string
  klarnaOrderId: string
  totalMinor: number
}

/** Unshipped Klarna copies, each given its own order at Klarna (a copy of the template's there). */
async function copiedKlarnaOrders(
  db: Client,
  emulatorUrl: string,
  template: PlacedOrder,
  n: number
): Promise<Copied[]> {
  const { rows } = await db.query(
    `select o.id, p.data->>'order_id' as klarna_order_id from "order" o
     join order_payment_collection opc on opc.order_id = o.id
     join payment p on p.payment_collection_id = opc.payment_collection_id
     where left(p.provider_id, 9) = 'pp_klarna' and o.id <> $1 and o.status = 'pending' and p.captured_at is null
       and not exists (select 1 from order_fulfillment f where f.order_id = o.id)
     order by o.created_at desc limit $2`,
    [template.orderId, n]
  )
  if (rows.length < n) throw new Error(`only ${rows.length} unshipped Klarna copies, ${n} needed`)
  return mapPool(rows, 8, async (r: { id: string; klarna_order_id: string }) => {
    await copyKlarnaOrder(emulatorUrl, template.klarnaOrderId!, r.klarna_order_id, r.id)
    return { id: r.id, klarnaOrderId: r.klarna_order_id, totalMinor: template.totalMinor }
  })
}

async function capturedBoth(db: Client, emulatorUrl: string, orders: Copied[]) {
  let klarna = 0
  let amountsEqual = true
  for (const o of orders) {
    const k = await (await fetch(`${emulatorUrl}/__emulator/orders/${o.klarnaOrderId}`)).json()
    if (k.captures?.length === 1) klarna++
    if (k.captured_amount !== o.totalMinor) amountsEqual = false
  }
  const { rows } = await db.query(
    `select count(*)::int as n from capture c join payment p on p.id = c.payment_id
     join order_payment_collection opc on opc.payment_collection_id = p.payment_collection_id
     where opc.order_id = any($1) and c.deleted_at is null`,
    [orders.map((o) => o.id)]
  )
  return { klarna, medusa: rows[0].n as number, amountsEqual }
}

async function startTicks(env: NodeJS.ProcessEnv, logDir: string) {
  const port: number = await freePort()
  const spawned: Spawned = spawnLogged("ticks", process.execPath, [MEDUSA_CLI, "exec", "./bench/lib/scale-ticks.ts"], {
    env: { ...env, MEDUSA_WORKER_MODE: "worker", BENCH_TICK_PORT: String(port) },
    logDir,
    cwd: ROOT,
  })
  const call = async (p: string) => {
    const res = await fetch(`http://127.0.0.1:${port}${p}`, { method: "POST" })
    const body = await res.json()
    if (!res.ok) throw new Error(`tick process ${p}: ${body.error}`)
    return body
  }
  const until = Date.now() + 240_000
  for (;;) {
    if (spawned.child.exitCode !== null) throw new Error(`the tick process exited; see ${spawned.logFile}`)
    try {
      await call("/jobs")
      break
    } catch {
      if (Date.now() > until) throw new Error(`the tick process never answered; see ${spawned.logFile}`)
      await new Promise((r) => setTimeout(r, 500))
    }
  }
  return { spawned, call }
}

main().then((code) => process.exit(code))
