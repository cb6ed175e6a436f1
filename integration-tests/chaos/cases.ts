// The fault matrix: issue 11's table, faults on every Klarna call of a capture, kill -9 at each
// step, duplicate events, parallel retries, the job racing the route, a long outage.
import { Queue } from "bullmq"
import { pidOwningLocalPort, pidsInGroup } from "../../scripts/lib/socket-owner"
import type { KlarnaCall } from "./klarna-calls"
import { callPath, outage, poll, retryRoute, type CaseSpec, type Ctx, type Run } from "./harness"
import { KLARNA_PASSWORD, KLARNA_TIMEOUT_MS, KLARNA_USERNAME } from "./topology"

const om = (ctx: Ctx) => async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${ctx.topo.emulator.url}${path}`, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`${KLARNA_USERNAME}:${KLARNA_PASSWORD}`).toString("base64")}`,
      ...(body ? { "content-type": "application/json" } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  })
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`)
}

/** The client gave up on a call: every attempt (1 + retries) of the first call was refused. */
const clientGaveUp = async (run: Run, attempts = 4) => {
  await poll(async () => (await run.requests()).filter((e) => e.status >= 500).length >= attempts, 30_000, 200)
}

/**
 * kill -9 of whichever worker is making the call in `entry`. It restarts in the background (the
 * other worker carries on meanwhile); when the caller can't be told, every worker is killed and
 * restarted before going on.
 */
export async function killCaller(run: Run, remotePort: number | null, workerEnv: NodeJS.ProcessEnv): Promise<string> {
  const { topo } = run.ctx
  const owners = topo.workers.map((w, i) => ({ i, pids: pidsInGroup(w.process.child.pid!) }))
  const owner = remotePort ? owners.find((o) => pidOwningLocalPort(remotePort, o.pids)) : undefined
  if (owner) {
    await topo.workers[owner.i].kill()
    topo.restarting.push(topo.startWorker(owner.i, workerEnv))
    return `killed worker-${owner.i + 1} (restarting)`
  }
  await Promise.all(topo.workers.map((w) => w.kill()))
  await Promise.all(topo.workers.map((_, i) => topo.startWorker(i, workerEnv)))
  return "caller unknown: killed and restarted all workers"
}

/** Delivers shipment.created for a fulfillment again, straight into Medusa's Redis event queue. */
export async function redeliverShipment(ctx: Ctx, fulfillmentId: string, copies: number) {
  const url = new URL(ctx.topo.redis.url)
  const queue = new Queue("events-queue", {
    prefix: "RedisEventBusService",
    connection: { host: url.hostname, port: Number(url.port) },
  })
  try {
    const jobs = await queue.addBulk(
      Array.from({ length: copies }, () => ({
        name: "shipment.created",
        data: { data: { id: fulfillmentId }, metadata: { source: "chaos-duplicate" } },
        opts: { attempts: 1, removeOnComplete: false, removeOnFail: false },
      })) as any
    )
    await poll(
      async () => {
        const states = await Promise.all(jobs.map((j) => j.getState()))
        return states.every((s) => s === "completed" || s === "failed")
      },
      60_000,
      200
    )
  } finally {
    await queue.close()
  }
}

type Fault = (call: KlarnaCall) => Record<string, unknown>
const FAULTS: [string, Fault][] = [
  ["5xx", () => ({ status: 503 })],
  ["429", () => ({ status: 429, retry_after: 1 })],
  ["timeout", () => ({ delay_ms: KLARNA_TIMEOUT_MS + 500 })],
  ["drop-before", () => ({ drop_connection: "before" })],
  ["drop-after", () => ({ drop_connection: "after" })],
]

export function baselineCases(): CaseSpec[] {
  return [{ name: "clean: 1 shipment" }, { name: "clean: 2 shipments", shipments: 2 }]
}

/** Issue 11's table, one case per row (two for the cancelled/released row). */
export function tableCases(ctx: Ctx): CaseSpec[] {
  return [
    {
      name: "table: Klarna 5xx beyond the client's retries at shipment",
      before: (run) => outage(run),
      during: (run) => clientGaveUp(run),
      selfHealMs: 0,
      mustBeVisible: true,
    },
    {
      name: "table: 2 fulfillments shipped in parallel",
      shipments: 2,
      parallel: true,
    },
    {
      name: "table: 3 shipments back to back, Klarna 2 s per call",
      shipments: 3,
      before: async (run) => {
        await run.addFault({
          path: `/ordermanagement/v1/orders/${run.klarnaOrderId}`,
          delay_ms: 2000,
          persistent: true,
        })
        await run.addFault({
          path: `/ordermanagement/v1/orders/${run.klarnaOrderId}/*`,
          delay_ms: 2000,
          persistent: true,
        })
        await run.addFault({
          path: `/ordermanagement/v1/orders/${run.klarnaOrderId}/*/*`,
          delay_ms: 2000,
          persistent: true,
        })
      },
      selfHealMs: 60_000,
    },
    {
      name: "table: Klarna order cancelled in the portal, then shipped",
      before: (run) => om(ctx)("POST", `/ordermanagement/v1/orders/${run.klarnaOrderId}/cancel`),
      expected: () => ({ amount: 0, count: 0, refusal: true }),
      selfHealMs: 8000,
    },
    {
      name: "table: remainder released in the portal, then shipped",
      shipments: 2,
      ship: async (run) => {
        const [first, second] = [[run.order.lines[0]], run.order.lines.slice(1)].map((ls) =>
          ls.map((l) => ({ id: l.id, quantity: l.quantity }))
        )
        const f1 = await ctx.shop.fulfill(run.order.orderId, first)
        await ctx.shop.ship(run.order.orderId, f1, first, "PN-1")
        await poll(
          async () =>
            (await ctx.shop.klarnaCaptured(run.klarnaOrderId)).count === 1 &&
            (await ctx.shop.medusaCaptured(run.order.orderId)).count === 1,
          20_000
        )
        await om(ctx)("POST", `/ordermanagement/v1/orders/${run.klarnaOrderId}/release-remaining-authorization`)
        const f2 = await ctx.shop.fulfill(run.order.orderId, second)
        await ctx.shop.ship(run.order.orderId, f2, second, "PN-2")
        run.fulfillments.push(f1, f2)
      },
      expected: async (run) => {
        const k = await ctx.shop.klarnaCaptured(run.klarnaOrderId)
        return { amount: k.amount, count: 1, refusal: true }
      },
      selfHealMs: 8000,
    },
    {
      name: "table: fraud PENDING → ACCEPTED after the shipment",
      fraud_status: "PENDING",
      during: async (run) => {
        // the capture was tried and is waiting on the fraud decision, before Klarna accepts
        await poll(async () => (await run.records()).some((r) => r.status === "pending" && r.last_error), 15_000)
        await ctx.shop.emulator.post(`/__emulator/orders/${run.klarnaOrderId}/fraud-status`, {
          fraud_status: "ACCEPTED",
        })
      },
      heal: "none",
      selfHealMs: 0,
    },
  ]
}

/** 5xx / 429 / timeout / drop-before / drop-after on each call of a clean capture. */
export function faultMatrix(ctx: Ctx): CaseSpec[] {
  return ctx.calls.flatMap((call) =>
    FAULTS.map(([kind, fault]) => ({
      name: `fault ${kind} on ${call.label}`,
      before: async (run: Run) => {
        await run.addFault({
          method: call.method,
          path: callPath(run, call),
          skip: call.occurrence,
          count: 1,
          ...fault(call),
        })
      },
    }))
  )
}

/** kill -9 of the worker during each Klarna call, and between Klarna applying and Medusa recording. */
export function killCases(ctx: Ctx, workerEnv: () => NodeJS.ProcessEnv): CaseSpec[] {
  const duringCall = ctx.calls.map((call) => ({
    name: `kill -9 worker during ${call.label}`,
    before: (run: Run) =>
      run
        .addFault({
          method: call.method,
          path: callPath(run, call),
          skip: call.occurrence,
          count: 1,
          delay_ms: KLARNA_TIMEOUT_MS - 1000,
        })
        .then(() => undefined),
    during: async (run: Run) => {
      const entry = await run.callArrived(call, 180_000)
      run.ctx.log(`    ${await killCaller(run, entry.remote_port, workerEnv())}`)
    },
    selfHealMs: 5000,
  }))
  const capture = ctx.calls.find((c) => c.method === "POST" && c.template.endsWith("/captures"))
  const afterApply: CaseSpec[] = capture
    ? [
        {
          name: "kill -9 worker after Klarna applied, before Medusa recorded",
          before: (run) =>
            run
              .addFault({
                method: "POST",
                path: callPath(run, capture),
                count: 1,
                delay_after_ms: KLARNA_TIMEOUT_MS - 1000,
              })
              .then(() => undefined),
          during: async (run) => {
            const entry = await run.callArrived(capture, 180_000)
            await poll(async () => (await ctx.shop.klarnaCaptured(run.klarnaOrderId)).count > 0, 10_000, 25)
            run.ctx.log(`    ${await killCaller(run, entry.remote_port, workerEnv())}`)
          },
          selfHealMs: 5000,
        },
      ]
    : []
  return [...duringCall, ...afterApply]
}

export function concurrencyCases(ctx: Ctx): CaseSpec[] {
  return [
    {
      name: "duplicate shipment.created ×2 while the first capture runs",
      before: (run) =>
        run
          .addFault({
            path: `/ordermanagement/v1/orders/${run.klarnaOrderId}`,
            method: "GET",
            delay_ms: 1000,
            count: 1,
          })
          .then(() => undefined),
      during: (run) => redeliverShipment(ctx, run.fulfillments[0], 2),
    },
    {
      name: "parallel retries: 2 redelivered events + 6 route calls",
      before: (run) => outage(run),
      during: async (run) => {
        await clientGaveUp(run)
        await run.checkVisible()
        await run.clearFaults()
        await Promise.all([
          redeliverShipment(ctx, run.fulfillments[0], 2),
          ...Array.from({ length: 6 }, () => retryRoute(ctx.topo.server.url, ctx.token, run.order.orderId)),
        ])
      },
      mustBeVisible: true,
    },
  ]
}

/** Has the retry job's sweep moved its mark past database time `t`? */
const sweptPast = async (ctx: Ctx, t: Date) =>
  !!(await ctx.db.query("select swept_until > $1 as moved from klarna_sweep_state where id = 'capture-intents'", [t]))
    .rows[0]?.moved

/** On workers whose retry job runs every few seconds (KLARNA_RETRY_JOB_SCHEDULE). */
export function jobCases(ctx: Ctx, workerEnv: () => NodeJS.ProcessEnv): CaseSpec[] {
  const capture = ctx.calls.find((c) => c.method === "POST" && c.template.endsWith("/captures"))
  return [
    {
      // shipped behind Medusa's workflows (no shipment.created), stamped a minute before the
      // sweep's mark once the mark has moved on: a write whose transaction committed late
      name: "job: shipment.created lost, change stamped before the sweep's moving mark, job heals",
      ship: async (run) => {
        const items = run.order.lines.map((l) => ({ id: l.id, quantity: l.quantity }))
        const fid = await ctx.shop.fulfill(run.order.orderId, items)
        run.fulfillments.push(fid)
        const { now } = (await ctx.db.query("select now() as now")).rows[0]
        if (!(await poll(() => sweptPast(ctx, now), 30_000, 250))) throw new Error("the sweep's mark never moved")
        await ctx.db.query(
          `update fulfillment set shipped_at = now(), updated_at =
             (select swept_until from klarna_sweep_state where id = 'capture-intents') - interval '1 minute'
           where id = $1`,
          [fid]
        )
      },
      selfHealMs: 0,
      heal: "job",
    },
    {
      name: "job: Klarna outage longer than the retries, job heals",
      shipments: 2,
      before: (run) => outage(run),
      during: (run) => clientGaveUp(run),
      selfHealMs: 0,
      mustBeVisible: true,
      heal: "job",
    },
    {
      name: "job: racing 6 retry-route calls",
      before: (run) => outage(run),
      during: async (run) => {
        await clientGaveUp(run)
        await run.checkVisible()
        await run.clearFaults()
        await Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            new Promise((r) => setTimeout(r, i * 700)).then(() =>
              retryRoute(ctx.topo.server.url, ctx.token, run.order.orderId)
            )
          )
        )
      },
      mustBeVisible: true,
      heal: "job",
    },
    ...(capture
      ? [
          {
            name: "job: kill -9 after Klarna applied, job heals",
            before: (run: Run) =>
              run
                .addFault({
                  method: "POST",
                  path: callPath(run, capture),
                  count: 1,
                  delay_after_ms: KLARNA_TIMEOUT_MS - 1000,
                })
                .then(() => undefined),
            during: async (run: Run) => {
              const entry = await run.callArrived(capture, 180_000)
              await poll(async () => (await ctx.shop.klarnaCaptured(run.klarnaOrderId)).count > 0, 10_000, 25)
              run.ctx.log(`    ${await killCaller(run, entry.remote_port, workerEnv())}`)
            },
            selfHealMs: 0,
            heal: "job" as const,
          },
        ]
      : []),
  ]
}

/** Medusa's default config (in-memory locking, event bus, workflow engine) on two instances, one database. */
export function defaultConfigCases(ctx: Ctx): CaseSpec[] {
  return [
    {
      name: "2 default-config instances: both retry the same pending capture",
      before: (run) => outage(run),
      during: async (run) => {
        await clientGaveUp(run)
        await run.checkVisible()
        await run.clearFaults()
        await Promise.all(
          ctx.adminUrls.flatMap((url) => Array.from({ length: 3 }, () => retryRoute(url, ctx.token, run.order.orderId)))
        )
      },
      mustBeVisible: true,
    },
    {
      name: "2 default-config instances: both run the job",
      before: (run) => outage(run),
      during: (run) => clientGaveUp(run),
      selfHealMs: 0,
      mustBeVisible: true,
      heal: "job",
    },
  ]
}
