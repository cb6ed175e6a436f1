// Medusa's production topology for the chaos suite: a private redis-server, a fresh PostgreSQL
// database, the Klarna emulator, one server (MEDUSA_WORKER_MODE=server) and two workers.
import path from "path"
import { startKlarnaEmulator, type KlarnaEmulator } from "../../emulator"
import { startRedis, type RedisServer } from "../../scripts/lib/redis"
import { ROOT } from "../../scripts/lib/processes"
import {
  prepareStore,
  startMedusa,
  type Cleanups,
  type MedusaProcess,
  type PreparedStore,
} from "../../scripts/lib/store"

export const KLARNA_USERNAME = "PK_chaos_merchant"
export const KLARNA_PASSWORD = "chaos-password-never-logged"
/** Klarna client timeout in the chaos store: short, so that a timeout case costs seconds */
export const KLARNA_TIMEOUT_MS = 3000

export interface Topology {
  redis: RedisServer
  emulator: Pick<KlarnaEmulator, "url">
  store: PreparedStore
  server: MedusaProcess
  workers: MedusaProcess[]
  /** (re)starts worker i, e.g. after a kill -9, with extra env (e.g. the job's schedule) */
  startWorker(i: number, env?: NodeJS.ProcessEnv): Promise<MedusaProcess>
  /** every running Medusa process of the run */
  processes(): MedusaProcess[]
  /** restarts of killed workers still booting */
  restarting: Promise<unknown>[]
}

export async function startTopology(opts: {
  cleanups: Cleanups
  log: (m: string) => void
  workers?: number
  /** another user of the topology (bench:capture): its database name, logs, Klarna and store env */
  name?: string
  logDir?: string
  klarna?: { url: string; username: string; password: string }
  env?: NodeJS.ProcessEnv
}): Promise<Topology> {
  const logDir = opts.logDir ?? path.join(ROOT, ".tmp/chaos")
  const redis = await startRedis(logDir)
  opts.cleanups.push(() => redis.stop())
  let klarna = opts.klarna
  if (!klarna) {
    const emulator = await startKlarnaEmulator({
      port: 0,
      username: KLARNA_USERNAME,
      password: KLARNA_PASSWORD,
      callbackBackoffMs: 200,
    })
    opts.cleanups.push(() => emulator.close())
    klarna = { url: emulator.url, username: KLARNA_USERNAME, password: KLARNA_PASSWORD }
  }
  const emulator = { url: klarna.url }
  opts.log(`redis ${redis.url}, Klarna emulator ${emulator.url}; migrating and seeding a fresh database…`)
  const store = await prepareStore({
    name: opts.name ?? "klarna_chaos",
    logDir,
    cleanups: opts.cleanups,
    log: opts.log,
    env: {
      REDIS_URL: redis.url,
      KLARNA_USERNAME: klarna.username,
      KLARNA_PASSWORD: klarna.password,
      KLARNA_BASE_URL: klarna.url,
      ...(opts.env ?? {
        KLARNA_TIMEOUT_MS: String(KLARNA_TIMEOUT_MS),
        // a crashed holder's capture lease runs out in 10 s (default 30 s), so healing after a kill is quick
        KLARNA_CAPTURE_LEASE_MS: "10000",
      }),
    },
  })
  const running = new Map<string, MedusaProcess>()
  const track = (p: MedusaProcess) => {
    running.set(p.name, p)
    opts.cleanups.push(() => p.kill())
    return p
  }
  const { freePort } = require("../../scripts/lib/database")
  const serverPort: number = await freePort()
  const serverUrl = `http://127.0.0.1:${serverPort}`
  store.env.KLARNA_CALLBACK_BASE_URL = serverUrl
  const workerCount = opts.workers ?? 2
  const topo: Topology = {
    redis,
    emulator,
    store,
    server: undefined as any,
    workers: [],
    async startWorker(i, env = {}) {
      const w = track(await startMedusa(`worker-${i + 1}`, store, { MEDUSA_WORKER_MODE: "worker", ...env }))
      topo.workers[i] = w
      return w
    },
    restarting: [],
    processes: () =>
      [...running.values()].filter((p) => p.process.child.exitCode === null && p.process.child.signalCode === null),
  }
  opts.log(`starting 1 server and ${workerCount} workers (medusa start)…`)
  const [server] = await Promise.all([
    startMedusa("server", store, { MEDUSA_WORKER_MODE: "server" }, serverPort).then(track),
    ...Array.from({ length: workerCount }, (_, i) => topo.startWorker(i)),
  ])
  topo.server = server
  return topo
}
