// A fresh, migrated and seeded dev store on PostgreSQL, and `medusa start` processes on it, for
// the chaos suite and the capture benchmark. Everything started is stopped by the returned cleanups.
import { mkdirSync, readFileSync } from "fs"
import path from "path"
import type { SeededStore } from "../seed/seed-store"
import { MEDUSA_CLI, ROOT, medusa, spawnLogged, waitForHealth, type Spawned } from "./processes"
const { ensureDatabase, envFor, createDatabaseIfMissing, dropDatabase, freePort } = require("./database")

export interface SeededAdminStore extends SeededStore {
  admin: { email: string; password: string }
}

export interface PreparedStore {
  env: NodeJS.ProcessEnv
  seed: SeededAdminStore
  databaseUrl: string
  logDir: string
}

export type Cleanups = (() => Promise<unknown>)[]

export async function runCleanups(cleanups: Cleanups): Promise<void> {
  for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => {})
}

/**
 * A fresh database (dropped again by the cleanups), migrations and the two-provider seed.
 * `env` is what every Medusa process of the store starts with (plus its PORT and worker mode).
 */
export async function prepareStore(opts: {
  name: string
  logDir: string
  env: NodeJS.ProcessEnv
  cleanups: Cleanups
  log: (m: string) => void
}): Promise<PreparedStore> {
  mkdirSync(opts.logDir, { recursive: true })
  const db = await ensureDatabase({ log: opts.log })
  opts.cleanups.push(() => db.stop())
  const dbName = `${opts.name}_${Date.now()}_${process.pid}`
  await createDatabaseIfMissing(db, dbName)
  opts.cleanups.push(() => dropDatabase(db, dbName))
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...envFor(db, dbName),
    NODE_ENV: "development",
    MEDUSA_ADMIN_DISABLE: "true",
    TS_NODE_TRANSPILE_ONLY: "true",
    LOG_LEVEL: process.env.LOG_LEVEL || "warn",
    ...opts.env,
  }
  delete env.KLARNA_SECOND_PROVIDER_USERNAME
  const seedOut = path.join(opts.logDir, "seed.json")
  const run = { env, logDir: opts.logDir, timeoutMs: 240_000 }
  await medusa("db-migrate", ["db:migrate"], run)
  await medusa("seed", ["exec", "./scripts/lib/seed-two-providers.ts"], {
    ...run,
    env: { ...env, DEMO_SEED_OUT: seedOut },
  })
  const seed = JSON.parse(readFileSync(seedOut, "utf8")) as SeededAdminStore
  return { env, seed, databaseUrl: env.DATABASE_URL!, logDir: opts.logDir }
}

export interface MedusaProcess {
  name: string
  port: number
  url: string
  process: Spawned
  /** kill -9 of its process group (Medusa ignores SIGTERM), resolved once it has exited */
  kill(): Promise<void>
}

/** `medusa start` on a free port (or `port`), resolved once /health answers. */
export async function startMedusa(
  name: string,
  store: PreparedStore,
  env: NodeJS.ProcessEnv = {},
  port?: number
): Promise<MedusaProcess> {
  const p: number = port ?? (await freePort())
  const spawned = spawnLogged(name, process.execPath, [MEDUSA_CLI, "start", "--port", String(p)], {
    env: { ...store.env, PORT: String(p), ...env },
    logDir: store.logDir,
    cwd: ROOT,
  })
  const url = `http://127.0.0.1:${p}`
  const proc: MedusaProcess = { name, port: p, url, process: spawned, kill: () => killGroup(spawned) }
  try {
    await waitForHealth(url, spawned, 240_000)
  } catch (e) {
    await proc.kill()
    throw e
  }
  return proc
}

export async function killGroup(spawned: Spawned): Promise<void> {
  const { child } = spawned
  if (child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid!, "SIGKILL")
  } catch {
    return
  }
  await spawned.exited
}
