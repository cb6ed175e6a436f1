import { mkdtempSync, readdirSync, rmSync } from "fs"
import os from "os"
import path from "path"
import { ROOT, runLogged, spawnLogged, tail, type Spawned } from "../../../scripts/lib/processes"

/**
 * examples/next-storefront as a storefront developer gets it running: the storefront package packed
 * (`npm pack`, which builds it), the app's own dependencies installed from its lockfile, the tarball
 * installed into it (no --force, no --legacy-peer-deps), `next build` (type check included), `next start`.
 */
export const EXAMPLE_DIR = path.join(ROOT, "examples/next-storefront")
const NEXT_CLI = path.join(EXAMPLE_DIR, "node_modules/next/dist/bin/next")
const NPM = process.platform === "win32" ? "npm.cmd" : "npm"

type Log = (m: string) => void

// NODE_ENV=production in the caller's environment would make npm ci leave out the type checker next build needs
const quietEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_ENV: undefined,
  NEXT_TELEMETRY_DISABLED: "1",
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
})

export async function packStorefrontPackage(opts: { logDir: string }): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "klarna-storefront-pack-"))
  await runLogged("storefront-pack", NPM, ["pack", "--pack-destination", dir], {
    env: quietEnv(),
    logDir: opts.logDir,
    cwd: path.join(ROOT, "packages/storefront"),
    timeoutMs: 180_000,
  })
  const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"))
  if (!tarball) throw new Error(`npm pack left no tarball in ${dir}`)
  return path.join(dir, tarball)
}

/** npm ci from the example's lockfile, then the packed storefront package (not saved: the repo stays as it is). */
export async function installNextStorefront(opts: { tarball: string; logDir: string }) {
  const run = (name: string, args: string[]) =>
    runLogged(name, NPM, args, { env: quietEnv(), logDir: opts.logDir, cwd: EXAMPLE_DIR, timeoutMs: 600_000 })
  await run("next-storefront-npm-ci", ["ci"])
  await run("next-storefront-install-package", ["install", "--no-save", opts.tarball])
}

export async function buildNextStorefront(opts: { logDir: string }) {
  rmSync(path.join(EXAMPLE_DIR, ".next"), { recursive: true, force: true })
  await runLogged("next-build", process.execPath, [NEXT_CLI, "build"], {
    env: { ...quietEnv(), NODE_ENV: "production" },
    logDir: opts.logDir,
    cwd: EXAMPLE_DIR,
    timeoutMs: 900_000,
  })
}

export interface RunningNextStorefront {
  url: string
  server: Spawned
}

/** `next start` on `port`, talking to the given store; resolves when its page answers. */
export async function startNextStorefront(opts: {
  port: number
  medusaUrl: string
  publishableKey: string
  klarnaSdkUrl: string
  logDir: string
  log?: Log
}): Promise<RunningNextStorefront> {
  const server = spawnLogged("next-start", process.execPath, [NEXT_CLI, "start", "-p", String(opts.port)], {
    env: {
      ...quietEnv(),
      NODE_ENV: "production",
      MEDUSA_BACKEND_URL: opts.medusaUrl,
      MEDUSA_PUBLISHABLE_KEY: opts.publishableKey,
      KLARNA_SDK_URL: opts.klarnaSdkUrl,
    },
    logDir: opts.logDir,
    cwd: EXAMPLE_DIR,
  })
  const url = `http://localhost:${opts.port}`
  let exited: number | null | undefined
  server.exited.then((code) => (exited = code))
  const until = Date.now() + 120_000
  while (Date.now() < until) {
    if (exited !== undefined) throw new Error(`next start exited (${exited})\n${tail(server.logFile)}`)
    const status = await fetch(url).then(
      (r) => r.status,
      () => 0
    )
    if (status === 200) return { url, server }
    if (status >= 500) throw new Error(`${url} answered ${status}\n${tail(server.logFile)}`)
    await new Promise((r) => setTimeout(r, 500))
  }
  await server.stop()
  throw new Error(`${url} did not answer within 120s\n${tail(server.logFile)}`)
}
