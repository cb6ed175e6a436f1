/**
 * npm run bench:capture — shipment → Klarna capture in the dev store as a new user runs it (one
 * process, shared mode, no Redis), against Medusa's own capture of a system-provider payment, in
 * one run. Starts PostgreSQL (yours or an embedded one), the Klarna emulator (its own process) and
 * the store; Klarna's round trip is the emulator's persistent delay fault on every call.
 * Prints, and exits non-zero when a target is missed:
 *  - Klarna calls per capture (the emulator's request log)                        target ≤ 2
 *  - shipment POST → capture recorded in Medusa, p50/p90, vs calls × RTT + the
 *    system-provider capture p50 (POST /admin/payments/:id/capture)               target ≤ 1.3
 *  - admin shipment POST p50, Klarna order / system-provider order                target ≤ 1.05
 *  - a burst of BENCH_BURST shipments until all captured, vs the same burst of
 *    system-provider shipments + their admin captures, + one RTT                  target ≤ 1.2
 *  - RSS of the store before/after BENCH_CAPTURES captures                        target ≤ 50 MB
 * Env: RTT (ms, 100), BENCH_SAMPLES (20), BENCH_BURST (200), BENCH_CAPTURES (500; 5000 for the full figure).
 */
import path from "path"
import { Client } from "pg"
import { spawnEmulator } from "./lib/emulator-process"
import { mapPool } from "./lib/pool"
import { groupRssMb } from "./lib/process-rss"
import { percentile } from "./lib/stats"
import { ROOT } from "../scripts/lib/processes"
import { adminLogin, shop, type PlacedOrder, type Shop } from "../scripts/lib/shop"
import { prepareStore, runCleanups, startMedusa, type Cleanups } from "../scripts/lib/store"

const RTT = Number(process.env.RTT ?? 100)
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 20)
const BURST = Number(process.env.BENCH_BURST ?? 200)
const CAPTURES = Number(process.env.BENCH_CAPTURES ?? 500)
const USERNAME = "bench_merchant"
const PASSWORD = "bench-password-not-logged"
const ONE = [{ sku: "SCARF-GREY", quantity: 1 }]
/** 10 units: 10 shipments, 10 captures per order in the memory run */
const TEN = [
  { sku: "SCARF-GREY", quantity: 4 },
  { sku: "STICKER-1", quantity: 4 },
  { sku: "JACKET-M", quantity: 2 },
]
const TARGETS = { calls: 2, latency: 1.3, shipment: 1.05, burst: 1.2, rssMb: 50 }

const started = Date.now()
const log = (m: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${m}`)
const p = (xs: number[], q: number) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    q
  )
const ms = (x: number) => `${x.toFixed(0)} ms`

const allLines = (o: PlacedOrder) => o.lines.map((l) => ({ id: l.id, quantity: l.quantity }))
const units = (o: PlacedOrder) =>
  o.lines.flatMap((l) => Array.from({ length: l.quantity }, () => [{ id: l.id, quantity: 1 }]))

async function main(): Promise<number> {
  const cleanups: Cleanups = []
  process.on("SIGINT", () => runCleanups(cleanups).then(() => process.exit(130)))
  try {
    const logDir = path.join(ROOT, ".tmp/bench-capture")
    const emulator = await spawnEmulator({ username: USERNAME, password: PASSWORD })
    cleanups.push(() => emulator.stop())
    log(`Klarna emulator ${emulator.url} (own process); preparing a fresh store…`)
    const store = await prepareStore({
      name: "klarna_bench_capture",
      logDir,
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
    const medusa = await startMedusa("store", store)
    cleanups.push(() => medusa.kill())
    const db = new Client({ connectionString: store.databaseUrl })
    // the cleanups drop the database (with force): the connection terminated then is no failure
    db.on("error", (e) => log(`database connection closed: ${e.message}`))
    await db.connect()
    cleanups.push(() => db.end())
    const token = await adminLogin(medusa.url, store.seed)
    const s: Shop = shop({ medusaUrl: medusa.url, emulatorUrl: emulator.url, seed: store.seed, token })
    log(`store ${medusa.url} (medusa start, shared mode, no Redis)`)

    const medusaCaptures = async (paymentIds: string[]) =>
      Number(
        (
          await db.query("select count(*)::int as n from capture where payment_id = any($1) and deleted_at is null", [
            paymentIds,
          ])
        ).rows[0].n
      )
    const paymentIdOf = async (o: PlacedOrder) => {
      if (o.paymentId) return o.paymentId
      throw new Error(`order ${o.orderId} has no payment`)
    }
    // polls every `everyMs`: 2 ms for one capture (the latency's resolution), 10 ms for a burst (less load)
    const waitCaptures = async (paymentIds: string[], n: number, timeoutMs = 600_000, everyMs = 10) => {
      const until = Date.now() + timeoutMs
      while ((await medusaCaptures(paymentIds)) < n) {
        if (Date.now() > until)
          throw new Error(
            `only ${await medusaCaptures(paymentIds)} of ${n} captures recorded after ${timeoutMs / 1000}s`
          )
        await new Promise((r) => setTimeout(r, everyMs))
      }
    }

    const memOrders = Math.ceil(CAPTURES / 10)
    log(
      `placing orders: ${SAMPLES + 2} + ${BURST} Klarna and ${SAMPLES} + ${BURST} system-provider (latency, burst), ${memOrders} × 10 units (memory)…`
    )
    const checkout =
      (kind: "klarna" | "system", items = ONE) =>
      () =>
        kind === "klarna" ? s.checkoutKlarna(items) : s.checkoutSystem(items)
    const place = (n: number, f: () => Promise<PlacedOrder>) => mapPool(Array.from({ length: n }), 4, () => f())
    const klarnaSamples = await place(SAMPLES + 2, checkout("klarna"))
    const systemSamples = await place(SAMPLES, checkout("system"))
    const klarnaBurst = await place(BURST, checkout("klarna"))
    const systemBurst = await place(BURST, checkout("system"))
    const memory = await place(memOrders, checkout("klarna", TEN))
    log("fulfilling every order (not measured)…")
    const fulfill = (o: PlacedOrder) => s.fulfill(o.orderId, allLines(o))
    const sampleFids = await mapPool([...klarnaSamples, ...systemSamples], 4, fulfill)
    const burstFids = await mapPool([...klarnaBurst, ...systemBurst], 4, fulfill)

    // Klarna's round trip on every call from here on
    for (const glob of [
      "/payments/v1/*",
      "/payments/v1/*/*",
      "/payments/v1/*/*/*",
      "/ordermanagement/v1/orders/*",
      "/ordermanagement/v1/orders/*/*",
      "/ordermanagement/v1/orders/*/*/*",
      "/ordermanagement/v1/orders/*/*/*/*",
    ]) {
      await s.emulator.post("/__emulator/faults", { path: glob, delay_ms: RTT, persistent: true })
    }

    log(`latency: ${SAMPLES} shipments of each kind, one after the other, interleaved (RTT ${RTT} ms)`)
    const klarnaShipMs: number[] = []
    const klarnaRecordedMs: number[] = []
    const systemShipMs: number[] = []
    const systemCaptureMs: number[] = []
    const calls: number[] = []
    const logCount = async (o: PlacedOrder) =>
      (
        await s.emulator.get(
          `/__emulator/requests?path_prefix=${encodeURIComponent(`/ordermanagement/v1/orders/${o.klarnaOrderId}`)}`
        )
      ).length
    const callsBefore = new Map<PlacedOrder, number>()
    for (let i = 0; i < SAMPLES + 2; i++) {
      const k = klarnaSamples[i]
      const before = await logCount(k)
      callsBefore.set(k, before)
      const t0 = performance.now()
      await s.ship(k.orderId, sampleFids[i], allLines(k))
      const t1 = performance.now()
      await waitCaptures([await paymentIdOf(k)], 1, 60_000, 2)
      const t2 = performance.now()
      const after = await logCount(k)
      if (i >= 2) {
        klarnaShipMs.push(t1 - t0)
        klarnaRecordedMs.push(t2 - t0)
        calls.push(after - before)
      }
      if (i < SAMPLES) {
        const o = systemSamples[i]
        const u0 = performance.now()
        await s.ship(o.orderId, sampleFids[SAMPLES + 2 + i], allLines(o))
        const u1 = performance.now()
        await s.admin.post(`/admin/payments/${await paymentIdOf(o)}/capture`, {})
        const u2 = performance.now()
        systemShipMs.push(u1 - u0)
        systemCaptureMs.push(u2 - u1)
      }
    }
    // calls until the capture was recorded (the target); reads in the background are counted below
    const callsPerCapture = Math.max(...calls)

    log(`burst: ${BURST} shipments at once, Klarna orders, then system-provider orders (+ their admin capture)`)
    const kIds = await Promise.all(klarnaBurst.map(paymentIdOf))
    const b0 = performance.now()
    await Promise.all(klarnaBurst.map((o, i) => s.ship(o.orderId, burstFids[i], allLines(o))))
    await waitCaptures(kIds, BURST)
    const klarnaBurstMs = performance.now() - b0
    const sIds = await Promise.all(systemBurst.map(paymentIdOf))
    const c0 = performance.now()
    await Promise.all(
      systemBurst.map(async (o, i) => {
        await s.ship(o.orderId, burstFids[BURST + i], allLines(o))
        await s.admin.post(`/admin/payments/${sIds[i]}/capture`, {})
      })
    )
    await waitCaptures(sIds, BURST)
    const systemBurstMs = performance.now() - c0

    const totals = await Promise.all(klarnaSamples.slice(2).map(async (k) => (await logCount(k)) - callsBefore.get(k)!))
    log(`memory: ${memOrders * 10} shipment captures (10 per order, 10 orders at a time)`)
    const rssBefore = groupRssMb(medusa.process.child.pid!)
    const memIds = await Promise.all(memory.map(paymentIdOf))
    await mapPool(memory, 10, async (o) => {
      for (const [j, items] of units(o).entries()) {
        const fid = await s.fulfill(o.orderId, items)
        await s.ship(o.orderId, fid, items, `PN-${j}`)
      }
    })
    await waitCaptures(memIds, memOrders * 10)
    const rssAfter = groupRssMb(medusa.process.child.pid!)

    const latencyBase = callsPerCapture * RTT + p(systemCaptureMs, 50)
    const rows: [string, string, string, number, number][] = [
      [
        "Klarna calls per capture (until recorded)",
        `${callsPerCapture}, in all ${Math.max(...totals)}`,
        "—",
        callsPerCapture,
        TARGETS.calls,
      ],
      [
        "shipment POST → capture recorded p50 / p90",
        `${ms(p(klarnaRecordedMs, 50))} / ${ms(p(klarnaRecordedMs, 90))}`,
        `${callsPerCapture} × ${RTT} + ${ms(p(systemCaptureMs, 50))} = ${ms(latencyBase)}`,
        p(klarnaRecordedMs, 50) / latencyBase,
        TARGETS.latency,
      ],
      [
        "admin shipment POST p50",
        ms(p(klarnaShipMs, 50)),
        ms(p(systemShipMs, 50)),
        p(klarnaShipMs, 50) / p(systemShipMs, 50),
        TARGETS.shipment,
      ],
      [
        `burst of ${BURST} shipments until all captured`,
        ms(klarnaBurstMs),
        `${ms(systemBurstMs)} + ${RTT}`,
        klarnaBurstMs / (systemBurstMs + RTT),
        TARGETS.burst,
      ],
      [
        `store RSS before → after ${memOrders * 10} captures`,
        `${rssBefore.toFixed(0)} → ${rssAfter.toFixed(0)} MB`,
        "—",
        rssAfter - rssBefore,
        TARGETS.rssMb,
      ],
    ]
    console.log(
      `\n${"measure".padEnd(46)} ${"Klarna".padEnd(22)} ${"system provider / base".padEnd(30)} ${"ratio".padEnd(8)} target`
    )
    let missed = 0
    for (const [name, klarna, base, value, target] of rows) {
      const ok = value <= target
      if (!ok) missed++
      console.log(
        `${name.padEnd(46)} ${klarna.padEnd(22)} ${base.padEnd(30)} ${value.toFixed(2).padEnd(8)} ≤ ${target}${name.startsWith("store RSS") ? " MB" : ""} ${ok ? "ok" : "MISSED"}`
      )
    }
    console.log(
      `\nRTT ${RTT} ms, ${SAMPLES} samples, burst ${BURST}, ${memOrders * 10} captures; ${missed ? `${missed} target(s) missed` : "all targets met"} (${((Date.now() - started) / 1000).toFixed(0)}s)`
    )
    await runCleanups(cleanups)
    return missed ? 1 : 0
  } catch (e) {
    console.error(`bench:capture failed: ${(e as Error).stack ?? e}\nlogs: .tmp/bench-capture/`)
    await runCleanups(cleanups)
    return 2
  }
}

main().then((code) => process.exit(code))
