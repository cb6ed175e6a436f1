import { mkdirSync, readFileSync, existsSync } from "fs"
import path from "path"
import type { SeededStore } from "../../../scripts/seed/seed-store"
import { startKlarnaEmulator, type KlarnaEmulator } from "../../../emulator"
import { startAdminServer } from "./admin-server"
import { jsonClient } from "./http"
import { MEDUSA_CLI, ROOT, medusa, spawnLogged, waitForHealth, type Spawned } from "../../../scripts/lib/processes"

// eslint-disable-next-line @typescript-eslint/no-var-requires
const {
  ensureDatabase,
  envFor,
  createDatabaseIfMissing,
  dropDatabase,
  freePort,
} = require("../../../scripts/lib/database")

export const ADMIN_EMAIL = "admin@example.com"
export const ADMIN_PASSWORD = "supersecret"
export const KLARNA_USERNAME = "PK_e2e_merchant"
export const KLARNA_PASSWORD = "e2e-password-never-logged"

export interface RunningStore {
  medusaUrl: string
  adminUrl: string
  emulator: KlarnaEmulator
  store: SeededStore
  timings: Record<string, number>
  logDir: string
  medusaLog: string
}

type Cleanup = () => Promise<unknown>

/**
 * Boots the dev store for a browser test:
 *   1. PostgreSQL (the configured one, else embedded) and a fresh database for this run
 *   2. the Klarna emulator, in this process
 *   3. `medusa build --admin-only` (the dashboard with this plugin's widgets, into .medusa/admin),
 *      then `medusa db:migrate` → `medusa exec scripts/seed/demo-seed.ts` (the demo's store and admin user)
 *   4. `medusa start` (admin disabled there) and a small server that serves the built admin at
 *      /app on one origin with the API, as `medusa start` does with a full `medusa build`
 * Everything it starts is registered in `cleanups` (run in reverse order by the caller).
 */
export async function bootStore(opts: {
  logDir: string
  cleanups: Cleanup[]
  log: (m: string) => void
  /** origins of other storefronts whose browsers call the store API (the Next.js example's) */
  storeCors?: string[]
}): Promise<RunningStore> {
  const { logDir, cleanups, log } = opts
  mkdirSync(logDir, { recursive: true })
  const timings: Record<string, number> = {}
  const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = Date.now()
    try {
      return await fn()
    } finally {
      timings[name] = (Date.now() - t0) / 1000
      log(`  ${name}: ${timings[name].toFixed(1)}s`)
    }
  }

  const db = await timed("database", async () => {
    const db = await ensureDatabase({ log })
    cleanups.push(() => db.stop())
    const dbName = `klarna_e2e_${Date.now()}_${process.pid}`
    await createDatabaseIfMissing(db, dbName)
    cleanups.push(() => dropDatabase(db, dbName))
    return { db, dbName }
  })

  const emulator = await startKlarnaEmulator({ port: 0, username: KLARNA_USERNAME, password: KLARNA_PASSWORD })
  cleanups.push(() => emulator.close())

  const port: number = await freePort()
  const medusaUrl = `http://localhost:${port}`
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...envFor(db.db, db.dbName),
    NODE_ENV: "development",
    PORT: String(port),
    KLARNA_USERNAME,
    KLARNA_PASSWORD,
    KLARNA_BASE_URL: emulator.url,
    KLARNA_CALLBACK_BASE_URL: medusaUrl,
    ...(opts.storeCors?.length
      ? { STORE_CORS: [process.env.STORE_CORS || "http://localhost:8000", ...opts.storeCors].join(",") }
      : {}),
    // the server serves no admin: the built one is served next to it (see startAdminServer)
    MEDUSA_ADMIN_DISABLE: "true",
    // ts-node compiles the TypeScript sources as it loads them; type checking is `npm run typecheck`'s job
    TS_NODE_TRANSPILE_ONLY: "true",
    LOG_LEVEL: process.env.LOG_LEVEL || "info",
  }
  delete env.KLARNA_SECOND_PROVIDER_USERNAME

  const adminDir = path.join(ROOT, ".medusa/admin")
  // NODE_ENV=production: the dashboard as admins get it from a production `medusa build` (React's
  // production build; `medusa build` defaults NODE_ENV to development, which bundles React's dev build)
  const buildAdmin = () =>
    timed("admin build (medusa build --admin-only)", () =>
      medusa("admin-build", ["build", "--admin-only"], {
        env: { ...env, NODE_ENV: "production", MEDUSA_BACKEND_URL: "/" },
        logDir,
        timeoutMs: 600_000,
      })
    )
  const seedOut = path.join(logDir, "seed.json")
  const prepareDb = async () => {
    await timed("migrations (medusa db:migrate)", () =>
      medusa("db-migrate", ["db:migrate"], { env, logDir, timeoutMs: 180_000 })
    )
    await timed("seed and admin user (medusa exec scripts/seed/demo-seed.ts)", () =>
      medusa("seed", ["exec", "./scripts/seed/demo-seed.ts"], {
        env: { ...env, DEMO_SEED_OUT: seedOut, DEMO_ADMIN_EMAIL: ADMIN_EMAIL, DEMO_ADMIN_PASSWORD: ADMIN_PASSWORD },
        logDir,
        timeoutMs: 120_000,
      })
    )
  }
  // one after the other: on 2 cores, running the Vite build next to the migrations is no faster
  await buildAdmin()
  await prepareDb()
  if (!existsSync(path.join(adminDir, "index.html"))) throw new Error(`the admin build left no ${adminDir}/index.html`)
  const store = JSON.parse(readFileSync(seedOut, "utf8")) as SeededStore

  const server: Spawned = spawnLogged("medusa-start", process.execPath, [MEDUSA_CLI, "start", "--port", String(port)], {
    env,
    logDir,
  })
  cleanups.push(() => server.stop())
  await timed("medusa start (until /health answers)", () => waitForHealth(`http://127.0.0.1:${port}`, server, 120_000))
  server.exited.then((code) => log(`medusa start exited (${code})`))

  const admin = await startAdminServer({ adminDir, backendUrl: `http://127.0.0.1:${port}` })
  cleanups.push(() => admin.close())
  // the dashboard answers at /app and reaches the API through the same origin
  await jsonClient(admin.url)
    .get("/health")
    .catch(() => undefined)
  return { medusaUrl, adminUrl: admin.url, emulator, store, timings, logDir, medusaLog: server.logFile }
}

export async function adminToken(medusaUrl: string): Promise<string> {
  const { token } = await jsonClient(medusaUrl).post("/auth/user/emailpass", {
    email: ADMIN_EMAIL,
    password: ADMIN_PASSWORD,
  })
  return token
}
