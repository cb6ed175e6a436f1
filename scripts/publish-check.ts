// npm run test:install [-- --medusa 2.18.0 --medusa 2.21.2 --keep --tarball <file>]
// The publish path end to end, as a store owner meets it: build the plugin (after Medusa's generated
// types exist, as they do once the demo has run), pack it, and for each Medusa version create a fresh
// minimal store pinning @medusajs/* at that version, `npm install` the tarball there (no --force, no
// --legacy-peer-deps), migrate a fresh database, boot the store against the Klarna emulator and
// capture on shipment over HTTP: three shipments, three captures, both books agreeing.
// Defaults to both ends of the peerDependencies range. Exits non-zero if any step fails anywhere.
import { execFileSync } from "child_process"
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs"
import os from "os"
import path from "path"
import { startKlarnaEmulator } from "../emulator"
import { ROOT, runLogged, spawnLogged, waitForHealth, type Spawned } from "./lib/processes"
import { adminLogin, shop } from "./lib/shop"
import type { SeededAdminStore } from "./lib/store"
const { ensureDatabase, envFor, createDatabaseIfMissing, dropDatabase, freePort } = require("./lib/database")

const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"))
/** the lowest version of the peer range (">=2.18.0 <3") and the version the repo develops on */
const RANGE_ENDS = [
  />=\s*(\d+\.\d+\.\d+)/.exec(pkg.peerDependencies["@medusajs/framework"])![1],
  pkg.devDependencies["@medusajs/framework"],
]
const args = process.argv.slice(2)
const versions = args.flatMap((a, i) => (args[i - 1] === "--medusa" ? [a] : []))
const keep = args.includes("--keep")
/** --tarball <file>: check an already packed plugin (skips the build and the pack) */
const givenTarball = args[args.indexOf("--tarball") + 1]
const NPM = ["--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"]
/** what a fresh store pins besides @medusajs/*: the versions this repo uses (Medusa's starter has these) */
const STORE_DEV_DEPS = ["@swc/core", "@types/node", "ts-node", "typescript"]
/** how a TypeScript store resolves the package: Node16 honours `exports` and its `types` conditions */
const TSC_OPTIONS = ["--noEmit", "--strict", "--module", "node16", "--moduleResolution", "node16", "--skipLibCheck"]
/** the seed script and what it imports, copied into the store at the same paths */
const SEED_FILES = ["scripts/install-check/seed.ts", "scripts/seed/seed-store.ts"]

const started = Date.now()
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`
const log = (m: string) => console.log(`[${elapsed()}] ${m}`)

/** what ensureDatabase (scripts/lib/database.js) finds or starts */
interface DbServer {
  host: string
  port: number
  user: string
  password: string
  stop(): Promise<void>
}

/** a failed command's stderr (execFileSync attaches it), else the error's message */
const errorText = (e: unknown) => String((e as { stderr?: string }).stderr || (e as Error).message)

function run(cmd: string, argv: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync(cmd, argv, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20 })
}

/** Medusa's generated types first (the demo's state), then the build and the pack. */
function buildAndPack(outDir: string): string {
  log("build: Medusa's generated types (.medusa/types), then npm run build")
  run(process.execPath, ["scripts/medusa-types.js"], ROOT)
  run("npm", ["run", "build"], ROOT)
  log("build: exit 0; npm pack")
  const [packed] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", outDir], ROOT))
  return path.join(outDir, packed.filename)
}

function writeStore(dir: string, version: string) {
  const medusa = Object.fromEntries(["admin-sdk", "cli", "framework", "medusa"].map((p) => [`@medusajs/${p}`, version]))
  const devDependencies = Object.fromEntries(STORE_DEV_DEPS.map((d) => [d, pkg.devDependencies[d]]))
  writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify(
      { name: `klarna-install-check-${version}`, private: true, dependencies: medusa, devDependencies },
      null,
      2
    )
  )
  writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2021",
        module: "Node16",
        moduleResolution: "Node16",
        esModuleInterop: true,
        skipLibCheck: true,
      },
    })
  )
  copyFileSync(path.join(ROOT, "scripts/install-check/medusa-config.ts"), path.join(dir, "medusa-config.ts"))
  for (const f of SEED_FILES) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true })
    copyFileSync(path.join(ROOT, f), path.join(dir, f))
  }
}

async function waitUntil<T>(what: string, fn: () => Promise<T | false>, timeoutMs = 90_000): Promise<T> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const v = await fn()
    if (v !== false) return v
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 500))
  }
}

/** Checkout with Klarna, then three shipments: each must be captured at Klarna and recorded in Medusa. */
async function captureOnShipment(medusaUrl: string, emulatorUrl: string, seed: SeededAdminStore) {
  const token = await adminLogin(medusaUrl, seed)
  const s = shop({ medusaUrl, emulatorUrl, seed, token })
  const order = await s.checkoutKlarna([
    { sku: "SCARF-GREY", quantity: 2 },
    { sku: "JACKET-M", quantity: 1 },
  ])
  if (!order.klarnaOrderId) throw new Error(`order ${order.orderId} has no Klarna order`)
  log(`  order ${order.orderId}: Klarna order ${order.klarnaOrderId}, ${order.totalMinor} öre`)
  const scarf = order.lines.find((l) => l.sku === "SCARF-GREY")!
  const jacket = order.lines.find((l) => l.sku === "JACKET-M")!
  const shipments = [[{ id: scarf.id, quantity: 1 }], [{ id: jacket.id, quantity: 1 }], [{ id: scarf.id, quantity: 1 }]]
  for (const [i, items] of shipments.entries()) {
    const fulfillmentId = await s.fulfill(order.orderId, items)
    await s.ship(order.orderId, fulfillmentId, items, `PN-${i + 1}`)
    const klarna = await waitUntil(`capture ${i + 1} at Klarna`, async () => {
      const k = await s.klarnaCaptured(order.klarnaOrderId!)
      return k.count >= i + 1 && k
    })
    const medusa = await waitUntil(`capture ${i + 1} in Medusa`, async () => {
      const m = await s.medusaCaptured(order.orderId)
      return m.count >= i + 1 && m
    })
    log(
      `  shipment ${i + 1}: Klarna ${klarna.count} captures (${klarna.amount}), Medusa ${medusa.count} (${medusa.amount})`
    )
  }
  const klarna = await s.klarnaCaptured(order.klarnaOrderId)
  const medusa = await s.medusaCaptured(order.orderId)
  const { order: o } = await s.admin.get(`/admin/orders/${order.orderId}?fields=id,payment_status`)
  const checks: [string, boolean][] = [
    ["Klarna: 3 captures", klarna.count === 3],
    ["Klarna: CAPTURED, nothing left", klarna.status === "CAPTURED" && klarna.remaining === 0],
    ["Klarna captured = order total", klarna.amount === order.totalMinor],
    ["Medusa: 3 captures", medusa.count === 3],
    ["Medusa captured = order total", medusa.amount === order.totalMinor],
    ["Medusa payment_status captured", o.payment_status === "captured"],
  ]
  for (const [what, ok] of checks) log(`  ${ok ? "✔" : "✘"} ${what}`)
  const failed = checks.filter(([, ok]) => !ok)
  if (failed.length)
    throw new Error(
      `${failed.map(([w]) => w).join("; ")} (Klarna ${JSON.stringify(klarna)}, Medusa ${JSON.stringify(medusa)}, ${o.payment_status})`
    )
}

interface Outcome {
  version: string
  install: string
  captured: string
  ok: boolean
}

async function checkVersion(
  version: string,
  tarball: string,
  db: DbServer,
  emulator: { url: string },
  creds: { username: string; password: string }
): Promise<Outcome> {
  const outcome: Outcome = { version, install: "-", captured: "-", ok: false }
  const dir = mkdtempSync(path.join(os.tmpdir(), `klarna-store-${version}-`))
  const dbName = `klarna_install_${version.replace(/\W/g, "_")}_${process.pid}`
  let server: Spawned | undefined
  try {
    log(`Medusa ${version}: a fresh store in ${dir}`)
    writeStore(dir, version)
    let t = Date.now()
    run("npm", ["install", ...NPM], dir)
    log(`  npm install (the store's own packages): ${((Date.now() - t) / 1000).toFixed(0)}s`)
    t = Date.now()
    try {
      run("npm", ["install", ...NPM, tarball], dir)
    } catch (e) {
      outcome.install = `failed: ${errorText(e).split("\n").slice(0, 6).join(" ")}`
      throw e
    }
    const installed = JSON.parse(
      readFileSync(path.join(dir, "node_modules/@medusajs/framework/package.json"), "utf8")
    ).version
    if (installed !== version) throw new Error(`the store runs @medusajs/framework ${installed}, not ${version}`)
    outcome.install = `ok (${((Date.now() - t) / 1000).toFixed(0)}s, framework ${installed})`
    log(`  npm install ${path.basename(tarball)}: ${outcome.install}`)
    copyFileSync(path.join(ROOT, "scripts/install-check/entries.ts"), path.join(dir, "entries.ts"))
    run(process.execPath, [path.join(dir, "node_modules/typescript/bin/tsc"), ...TSC_OPTIONS, "entries.ts"], dir)
    outcome.install += ", typed entries"
    log("  tsc --strict entries.ts: every entry resolves to its type declarations")

    await createDatabaseIfMissing(db, dbName)
    const port = await freePort()
    const medusaUrl = `http://localhost:${port}`
    const env = {
      ...process.env,
      ...envFor(db, dbName),
      NODE_ENV: "development",
      PORT: String(port),
      MEDUSA_BACKEND_URL: medusaUrl,
      KLARNA_USERNAME: creds.username,
      KLARNA_PASSWORD: creds.password,
      KLARNA_BASE_URL: emulator.url,
      LOG_LEVEL: "warn",
      TS_NODE_TRANSPILE_ONLY: "true",
      SEED_OUT: path.join(dir, "seed.json"),
    }
    const cli = path.join(dir, "node_modules/@medusajs/cli/cli.js")
    const logs = { env, logDir: dir, cwd: dir, timeoutMs: 300_000 }
    await runLogged("migrate", process.execPath, [cli, "db:migrate"], logs)
    log("  medusa db:migrate: ok")
    await runLogged("seed", process.execPath, [cli, "exec", `./${SEED_FILES[0]}`], logs)
    const seed = JSON.parse(readFileSync(env.SEED_OUT, "utf8")) as SeededAdminStore
    server = spawnLogged("medusa", process.execPath, [cli, "start", "--port", String(port)], {
      env,
      logDir: dir,
      cwd: dir,
    })
    await waitForHealth(medusaUrl, server, 240_000)
    log(`  medusa start: ${medusaUrl}`)
    await captureOnShipment(medusaUrl, emulator.url, seed)
    outcome.captured = "3 of 3 shipments captured, books agree"
    outcome.ok = true
  } catch (e) {
    console.error(`✘ Medusa ${version}: ${(e as Error).message}`)
    console.error(`  logs: ${dir}/*.log`)
    if (outcome.captured === "-") outcome.captured = "failed"
  } finally {
    if (server) {
      try {
        process.kill(-server.child.pid!, "SIGKILL") // Medusa ignores SIGTERM
      } catch {}
      await server.exited
    }
    await dropDatabase(db, dbName).catch(() => {})
    // rm -rf: a store's node_modules is large, and fs.rmSync takes minutes over it on a loaded machine
    if (!keep && outcome.ok) run("rm", ["-rf", dir], os.tmpdir())
  }
  return outcome
}

async function main() {
  const targets = versions.length ? versions : RANGE_ENDS
  const out = mkdtempSync(path.join(os.tmpdir(), "klarna-pack-"))
  const cleanups: (() => Promise<unknown>)[] = [async () => rmSync(out, { recursive: true, force: true })]
  const results: Outcome[] = []
  try {
    const tarball = args.includes("--tarball") ? path.resolve(givenTarball) : buildAndPack(out)
    log(`packed ${path.basename(tarball)}; the pack's contents: npm run check:pack`)
    log(run(process.execPath, ["scripts/check-pack.js"], ROOT).trim())
    const db = await ensureDatabase({ log })
    cleanups.push(() => db.stop())
    const creds = { username: "install_check", password: "install-check-secret" }
    const emulator = await startKlarnaEmulator({ ...creds, port: await freePort() })
    cleanups.push(() => emulator.close())
    for (const version of targets) results.push(await checkVersion(version, tarball, db, emulator, creds))
  } finally {
    for (const fn of cleanups.reverse()) await fn().catch(() => {})
  }
  console.log("\nMedusa  | npm install of the packed plugin | capture on shipment")
  for (const r of results) console.log(`${r.version} | ${r.install} | ${r.captured}`)
  console.log(`(${elapsed()})`)
  process.exit(results.length === targets.length && results.every((r) => r.ok) ? 0 : 1)
}

main().catch((e) => {
  console.error(`✘ ${errorText(e)}`)
  process.exit(1)
})
