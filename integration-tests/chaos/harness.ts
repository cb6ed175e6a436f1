// One chaos case end to end: a Klarna order, faults scoped to it, shipments, the disruption,
// healing, and both books read back and judged.
import { Pool } from "pg"
import type { PlacedOrder, Shop } from "../../scripts/lib/shop"
import { type KlarnaCall, type LoggedCall, isCall, pathFor } from "./klarna-calls"
import type { Topology } from "./topology"
import { judge, settled, type CaptureRecordRow, type Expected, type Outcome, type Verdict } from "./verdict"

export const ITEMS = [
  { sku: "SCARF-GREY", quantity: 2 },
  { sku: "STICKER-1", quantity: 1 },
]

export interface Ctx {
  topo: Topology
  shop: Shop
  db: Pool
  /** the calls of a clean capture (filled by the baseline case) */
  calls: KlarnaCall[]
  /** how the retry job is reached in this phase */
  heal: "route" | "job"
  /** the admin API the heal route is called on (the server, or in phase 3 each instance) */
  adminUrls: string[]
  token: string
  log(m: string): void
}

export interface Run {
  ctx: Ctx
  order: PlacedOrder
  klarnaOrderId: string
  fulfillments: string[]
  faults: string[]
  addFault(f: Record<string, unknown>): Promise<string>
  clearFaults(): Promise<void>
  requests(): Promise<LoggedCall[]>
  /** resolves with the log entry once `call` (n-th occurrence) has reached Klarna, unanswered */
  callArrived(call: KlarnaCall, timeoutMs?: number): Promise<LoggedCall & { remote_port: number | null }>
  outcome(): Promise<Omit<Outcome, "visibleBeforeHeal">>
  records(): Promise<CaptureRecordRow[]>
  /** index in the order's request log where the case's own calls start (after `before`) */
  mark: number
  /** whether a pending/failed record was seen before healing (checkVisible) */
  visible?: boolean
  /** waits up to 5 s for a pending/failed record; call before anything heals the capture */
  checkVisible(): Promise<boolean>
}

export interface CaseSpec {
  name: string
  shipments?: number
  fraud_status?: string
  /** ship all fulfillments in parallel (two admin requests at once) */
  parallel?: boolean
  /** before the shipments: faults, Klarna-side changes */
  before?(run: Run): Promise<void>
  /** replaces the default shipping of all fulfillments, one after the other */
  ship?(run: Run): Promise<void>
  /** after the shipment requests: kills, duplicate events, … */
  during?(run: Run): Promise<void>
  /** how long the pipeline may take on its own before healing (ms); 0 = heal at once */
  selfHealMs?: number
  /** heal: route (POST retry-captures), job (scheduled job on workers), none (e.g. Klarna's notification) */
  heal?: "route" | "job" | "none"
  /** the capture can't happen before healing: a pending/failed record must be visible by then */
  mustBeVisible?: boolean
  expected?(run: Run): Promise<Expected> | Expected
}

export interface CaseResult {
  name: string
  outcome: Outcome
  verdict: Verdict
  note: string
  klarnaOrderId?: string
  orderId?: string
  error?: string
  /** the Klarna requests of the order from its first shipment on */
  captureLog?: LoggedCall[]
  recheck?: () => Promise<Outcome>
}

export const poll = async <T>(
  fn: () => Promise<T | undefined | false | null>,
  timeoutMs: number,
  intervalMs = 200
): Promise<T | undefined> => {
  const until = Date.now() + timeoutMs
  while (true) {
    const v = await fn().catch(() => undefined)
    if (v) return v
    if (Date.now() > until) return undefined
    await new Promise((r) => setTimeout(r, intervalMs))
  }
}

export async function readRecords(db: Pool, orderId: string): Promise<CaptureRecordRow[]> {
  const { rows } = await db.query(
    "select * from klarna_capture where order_id = $1 and deleted_at is null order by created_at",
    [orderId]
  )
  return rows.map((r: any) => ({ ...r, amount: Number(r.amount) }))
}

/** Splits the order's lines into `n` shipments (unit by unit when there are more shipments than lines). */
export function splitShipments(order: PlacedOrder, n: number): { id: string; quantity: number }[][] {
  if (n <= 1) return [order.lines.map((l) => ({ id: l.id, quantity: l.quantity }))]
  const units = order.lines.flatMap((l) => Array.from({ length: l.quantity }, () => l.id))
  const parts: { id: string; quantity: number }[][] = Array.from({ length: n }, () => [])
  units.forEach((id, i) => {
    const part = parts[Math.min(i, n - 1)]
    const existing = part.find((p) => p.id === id)
    if (existing) existing.quantity += 1
    else part.push({ id, quantity: 1 })
  })
  return parts
}

const NOTHING: Outcome = {
  klarna: { amount: 0, count: 0 },
  medusa: { amount: 0, count: 0 },
  records: [],
  expected: { amount: 0, count: 0 },
}

export async function runCase(ctx: Ctx, spec: CaseSpec): Promise<CaseResult> {
  let order: PlacedOrder
  try {
    order = await ctx.shop.checkoutKlarna(ITEMS, spec.fraud_status ? { fraud_status: spec.fraud_status } : {})
  } catch (e) {
    const error = `checkout failed: ${(e as Error).message.split("\n")[0]}`
    return {
      name: spec.name,
      outcome: NOTHING,
      verdict: { lost: false, doubled: false, silent: false, reasons: [error] },
      note: "harness error",
      error,
    }
  }
  return runPlacedCase(ctx, spec, order)
}

async function runPlacedCase(ctx: Ctx, spec: CaseSpec, order: PlacedOrder): Promise<CaseResult> {
  const shipments = spec.shipments ?? 1
  const klarnaOrderId = order.klarnaOrderId!
  const emulator = ctx.shop.emulator
  const run: Run = {
    ctx,
    order,
    klarnaOrderId,
    fulfillments: [],
    faults: [],
    async addFault(f) {
      const { id } = await emulator.post("/__emulator/faults", f)
      run.faults.push(id)
      return id
    },
    async clearFaults() {
      for (const id of run.faults.splice(0)) await emulator.del(`/__emulator/faults/${id}`)
    },
    requests: () =>
      emulator.get(
        `/__emulator/requests?path_prefix=${encodeURIComponent(`/ordermanagement/v1/orders/${klarnaOrderId}`)}`
      ),
    mark: 0,
    async checkVisible() {
      run.visible ??= !!(await poll(async () => (await run.records()).some((r) => r.status !== "succeeded"), 5000, 250))
      return run.visible
    },
    async callArrived(call, timeoutMs = 30_000) {
      const hit = await poll(
        async () => {
          const log = (await run.requests()).slice(run.mark).filter((e) => isCall(e, call, klarnaOrderId))
          const entry = log[call.occurrence] as any
          return entry && entry.status === 0 ? entry : undefined
        },
        timeoutMs,
        25
      )
      if (!hit) throw new Error(`${call.label} never reached Klarna`)
      return hit
    },
    records: () => readRecords(ctx.db, order.orderId),
    async outcome() {
      const [k, m, records] = await Promise.all([
        ctx.shop.klarnaCaptured(klarnaOrderId),
        ctx.shop.medusaCaptured(order.orderId),
        run.records(),
      ])
      return { klarna: { amount: k.amount, count: k.count }, medusa: m, records, expected: await expected() }
    },
  }
  let expectedCache: Expected | undefined
  const expected = async () =>
    (expectedCache ??= spec.expected ? await spec.expected(run) : { amount: order.totalMinor, count: shipments })
  const notes: string[] = []
  try {
    await spec.before?.(run)
    run.mark = (await run.requests()).length
    if (spec.ship) await spec.ship(run)
    else {
      const parts = splitShipments(order, shipments)
      const fids: string[] = []
      for (const items of parts) fids.push(await ctx.shop.fulfill(order.orderId, items))
      run.fulfillments.push(...fids)
      const ship = (fid: string, i: number) => ctx.shop.ship(order.orderId, fid, parts[i], `PN-${i + 1}`)
      if (spec.parallel) await Promise.all(fids.map(ship))
      else for (const [i, fid] of fids.entries()) await ship(fid, i)
    }
    await spec.during?.(run)
    const selfHealMs = spec.selfHealMs ?? 15_000
    let done = selfHealMs > 0 && (await poll(async () => settled(await run.outcome()), selfHealMs, 250))
    const visibleBeforeHeal = spec.mustBeVisible ? await run.checkVisible() : undefined
    await run.clearFaults()
    const heal = spec.heal ?? ctx.heal
    if (done) notes.push("self")
    else if (heal === "route") {
      const t0 = Date.now()
      done = !!(await poll(
        async () => {
          await Promise.all(ctx.adminUrls.map((url) => retryRoute(url, ctx.token, order.orderId)))
          return poll(async () => settled(await run.outcome()), 2500, 250)
        },
        60_000,
        0
      ))
      notes.push(done ? `healed by route in ${((Date.now() - t0) / 1000).toFixed(1)}s` : "route did not heal in 60s")
    } else if (heal === "job") {
      const t0 = Date.now()
      done = !!(await poll(async () => settled(await run.outcome()), 60_000, 500))
      notes.push(done ? `healed by job in ${((Date.now() - t0) / 1000).toFixed(1)}s` : "job did not heal in 60s")
    } else {
      done = !!(await poll(async () => settled(await run.outcome()), 20_000, 250))
      notes.push(done ? "settled" : "not settled in 20s")
    }
    const outcome: Outcome = { ...(await run.outcome()), visibleBeforeHeal }
    const captureLog = (await run.requests()).slice(run.mark)
    const recheck = async () => ({ ...(await run.outcome()), visibleBeforeHeal })
    return {
      name: spec.name,
      outcome,
      verdict: judge(outcome),
      note: notes.join(", "),
      klarnaOrderId,
      orderId: order.orderId,
      captureLog,
      recheck,
    }
  } catch (e) {
    await run.clearFaults().catch(() => {})
    const outcome: Outcome = await run.outcome().catch(() => NOTHING)
    const error = `harness error: ${(e as Error).message.split("\n")[0]}`
    // the case did not run to its end: counted as a harness error, not judged
    return {
      name: spec.name,
      outcome,
      verdict: { lost: false, doubled: false, silent: false, reasons: [error] },
      note: "harness error",
      error,
      klarnaOrderId,
      orderId: order.orderId,
    }
  }
}

export async function retryRoute(adminUrl: string, token: string, orderId: string): Promise<number> {
  const res = await fetch(`${adminUrl}/admin/klarna/orders/${orderId}/retry-captures`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
  }).catch(() => undefined)
  await res?.text()
  return res?.status ?? 0
}

/** Faults scoped to one Klarna order, on every call of its OM API (an outage). */
export async function outage(run: Run, status = 503) {
  const base = `/ordermanagement/v1/orders/${run.klarnaOrderId}`
  for (const path of [base, `${base}/*`, `${base}/*/*`, `${base}/*/*/*`])
    await run.addFault({ path, status, persistent: true })
}

export const callPath = (run: Run, call: KlarnaCall) => pathFor(call, run.klarnaOrderId)
