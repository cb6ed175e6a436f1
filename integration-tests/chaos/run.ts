/**
 * npm run test:chaos — Medusa's production topology (1 server + 2 workers on Redis and
 * PostgreSQL) with the Klarna emulator, and the capture fault matrix. One line per case (Klarna
 * captured, Medusa captured, expected), then `N cases, L lost, D doubled, S silent`; exits
 * non-zero unless all three are 0. Logs of every process: .tmp/chaos/.
 * Env: CHAOS_ONLY=<substring> runs only matching cases (after the baseline).
 */
import { Pool } from "pg"
import { adminLogin, shop } from "../../scripts/lib/shop"
import { runCleanups, startMedusa, type Cleanups } from "../../scripts/lib/store"
import {
  baselineCases,
  concurrencyCases,
  defaultConfigCases,
  faultMatrix,
  jobCases,
  killCases,
  tableCases,
} from "./cases"
import { orderChangeCases } from "./order-change-cases"
import { runCase, type CaseResult, type CaseSpec, type Ctx } from "./harness"
import { deriveCalls } from "./klarna-calls"
import { startTopology } from "./topology"
import { caseLine, judge } from "./verdict"

/** the retry job's schedule on the chaos workers (the job reads KLARNA_RETRY_JOB_SCHEDULE) */
const FAST_JOB = { KLARNA_RETRY_JOB_SCHEDULE: "*/3 * * * * *" }
const started = Date.now()
const log = (m: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${m}`)
const only = process.env.CHAOS_ONLY

async function pool(specs: CaseSpec[], ctx: Ctx, width: number, out: CaseResult[]) {
  const queue = specs.filter((s) => !only || s.name.includes(only))
  const worker = async () => {
    for (let spec = queue.shift(); spec; spec = queue.shift()) {
      const result = await runCase(ctx, spec)
      out.push(result)
      console.log(caseLine(result.name, result.outcome, result.verdict, result.note, result.error))
    }
  }
  await Promise.all(Array.from({ length: width }, worker))
}

async function main(): Promise<number> {
  const cleanups: Cleanups = []
  const stop = async (code: number) => {
    await runCleanups(cleanups)
    process.exit(code)
  }
  process.on("SIGINT", () => stop(130))
  process.on("SIGTERM", () => stop(143))
  const results: CaseResult[] = []
  try {
    const topo = await startTopology({ cleanups, log })
    log(`topology up: server ${topo.server.url}, workers ${topo.workers.map((w) => w.url).join(", ")}`)
    const db = new Pool({ connectionString: topo.store.databaseUrl, max: 4 })
    // the cleanups drop the database (with force): an idle connection terminated then is no failure
    db.on("error", (e) => log(`database connection closed: ${e.message}`))
    cleanups.push(() => db.end())
    const token = await adminLogin(topo.server.url, topo.store.seed)
    const ctx: Ctx = {
      topo,
      db,
      token,
      calls: [],
      heal: "route",
      adminUrls: [topo.server.url],
      shop: shop({ medusaUrl: topo.server.url, emulatorUrl: topo.emulator.url, seed: topo.store.seed, token }),
      log,
    }
    let workerEnv: NodeJS.ProcessEnv = {}

    log("phase 1: server + 2 workers on Redis, healed by POST /admin/klarna/orders/:id/retry-captures")
    await pool(baselineCases(), ctx, 1, results)
    const clean = results[0]
    ctx.calls = deriveCalls(clean.captureLog ?? [], clean.klarnaOrderId!)
    log(`a clean capture makes ${ctx.calls.length} Klarna calls: ${ctx.calls.map((c) => c.label).join(", ")}`)
    if (!ctx.calls.length) throw new Error("the clean capture made no Klarna call: nothing to fault")
    // 2 at a time: more makes Medusa's own checkout and fulfillment requests conflict (409) on this box
    await pool(
      [...tableCases(ctx), ...faultMatrix(ctx), ...concurrencyCases(ctx), ...orderChangeCases(ctx)],
      ctx,
      2,
      results
    )
    await pool(
      killCases(ctx, () => workerEnv),
      ctx,
      1,
      results
    )
    await Promise.all(topo.restarting.splice(0))

    log(
      `phase 2: workers restarted with KLARNA_RETRY_JOB_SCHEDULE="${FAST_JOB.KLARNA_RETRY_JOB_SCHEDULE}", healed by the job`
    )
    workerEnv = FAST_JOB
    await Promise.all(topo.workers.map((w) => w.kill()))
    await Promise.all(topo.workers.map((_, i) => topo.startWorker(i, workerEnv)))
    ctx.heal = "job"
    await pool(
      jobCases(ctx, () => workerEnv),
      ctx,
      2,
      results
    )
    await Promise.all(topo.restarting.splice(0))

    log(
      "phase 3: Medusa's default config (no Redis: in-memory locking, events, workflows) on 2 instances, one database"
    )
    await Promise.all([topo.server, ...topo.workers].map((p) => p.kill()))
    const plain = { REDIS_URL: "", MEDUSA_WORKER_MODE: "shared", ...FAST_JOB }
    const instances = await Promise.all(["default-a", "default-b"].map((name) => startMedusa(name, topo.store, plain)))
    instances.forEach((p) => cleanups.push(() => p.kill()))
    ctx.adminUrls = instances.map((p) => p.url)
    ctx.shop = shop({ medusaUrl: instances[0].url, emulatorUrl: topo.emulator.url, seed: topo.store.seed, token })
    ctx.heal = "route"
    await pool(defaultConfigCases(ctx), ctx, 2, results)

    log("recheck: every case's books once more, after everything ran")
    let changed = 0
    for (const r of results) {
      if (!r.recheck) continue
      const again = await r.recheck().catch(() => undefined)
      if (!again) continue
      const v = judge(again)
      const moved =
        again.klarna.amount !== r.outcome.klarna.amount ||
        again.klarna.count !== r.outcome.klarna.count ||
        again.medusa.amount !== r.outcome.medusa.amount ||
        again.medusa.count !== r.outcome.medusa.count
      if (moved) {
        changed++
        console.log(caseLine(`${r.name} (later)`, again, v, "changed after its case ended", r.error))
        r.outcome = again
        r.verdict = {
          lost: r.verdict.lost || v.lost,
          doubled: r.verdict.doubled || v.doubled,
          silent: r.verdict.silent || v.silent,
          reasons: [...r.verdict.reasons, ...v.reasons],
        }
      }
    }
    log(`${changed} case(s) changed later`)
  } catch (e) {
    console.error(`\nchaos run failed: ${(e as Error).stack ?? e}\nlogs: .tmp/chaos/`)
    await runCleanups(cleanups)
    return 2
  }
  await runCleanups(cleanups)
  const lost = results.filter((r) => r.verdict.lost).length
  const doubled = results.filter((r) => r.verdict.doubled).length
  const silent = results.filter((r) => r.verdict.silent).length
  const errors = results.filter((r) => r.error).length
  const failed = results.filter((r) => r.verdict.lost || r.verdict.doubled || r.verdict.silent || r.error)
  if (failed.length) console.log(`\nfailed: ${failed.map((r) => r.name).join(" | ")}`)
  console.log(
    `\n${results.length} cases, ${lost} lost, ${doubled} doubled, ${silent} silent${errors ? `, ${errors} harness errors` : ""} (${((Date.now() - started) / 1000).toFixed(0)}s; logs in .tmp/chaos/)`
  )
  return lost || doubled || silent || errors ? 1 : 0
}

main().then((code) => process.exit(code))
