#!/usr/bin/env node
// npm run demo [-- --once]: PostgreSQL (yours or an embedded one), the Klarna emulator, a seeded
// dev store, then the whole Klarna flow over HTTP and a summary. Without --once the store keeps
// running so you can open the admin dashboard.
const fs = require("fs")
const path = require("path")
const crypto = require("crypto")
const { ensureDatabase, envFor, createDatabaseIfMissing, dropDatabase, freePort } = require("./lib/database")
const { walkthrough } = require("./demo/walkthrough")
const { summarize, printSummary } = require("./demo/summary")

require("ts-node").register({
  transpileOnly: true,
  skipProject: true,
  compilerOptions: { module: "commonjs", target: "es2021", esModuleInterop: true },
})
const { startKlarnaEmulator } = require("../emulator")
const { ROOT, medusa, spawnLogged, waitForHealth, MEDUSA_CLI } = require("./lib/processes")
const { startStorefront } = require("./demo/storefront/server")

const once = process.argv.includes("--once")
// --store-only: the seeded store and the emulator, without the scripted walk-through (npm run dev)
const storeOnly = process.argv.includes("--store-only")
const started = Date.now()
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`
const log = {
  step: (m) => console.log(`\n\x1b[1m▶ ${m}\x1b[0m`),
  info: (m) => console.log(`  ${m}`),
}

async function portOr(preferred) {
  const net = require("net")
  const free = await new Promise((resolve) => {
    const srv = net
      .createServer()
      .once("error", () => resolve(false))
      .listen(preferred, "127.0.0.1", () => srv.close(() => resolve(true)))
  })
  return free ? preferred : freePort()
}

async function main() {
  const cleanup = []
  const shutdown = async (code) => {
    for (const fn of cleanup.reverse()) await fn().catch(() => {})
    process.exit(code)
  }
  process.on("SIGINT", () => shutdown(130))
  process.on("SIGTERM", () => shutdown(143))
  try {
    log.step("PostgreSQL")
    const db = await ensureDatabase({ log: log.info })
    cleanup.push(() => db.stop())
    const dbName = process.env.DEMO_DB_NAME || "medusa_klarna_demo"
    await dropDatabase(db, dbName)
    await createDatabaseIfMissing(db, dbName)
    log.info(`${db.embedded ? "embedded" : "local"} server ${db.host}:${db.port}, database ${dbName} (fresh)`)

    log.step("Klarna emulator")
    const username = "demo_merchant"
    const password = crypto.randomBytes(12).toString("hex")
    const emulator = await startKlarnaEmulator({ port: await portOr(4010), username, password })
    cleanup.push(() => emulator.close())
    log.info(`${emulator.url} (Klarna's KP + OM APIs, offline)`)

    const port = await portOr(9000)
    const medusaUrl = `http://localhost:${port}`
    const tmp = path.join(ROOT, ".tmp")
    fs.mkdirSync(tmp, { recursive: true })
    const env = {
      ...process.env,
      ...envFor(db, dbName),
      PORT: String(port),
      MEDUSA_BACKEND_URL: medusaUrl,
      ADMIN_CORS: medusaUrl,
      AUTH_CORS: medusaUrl,
      KLARNA_USERNAME: username,
      KLARNA_PASSWORD: password,
      KLARNA_BASE_URL: emulator.url,
      KLARNA_CALLBACK_BASE_URL: medusaUrl,
      MEDUSA_ADMIN_DISABLE: once ? "true" : "false",
      DEMO_SEED_OUT: path.join(tmp, "demo-seed.json"),
      LOG_LEVEL: "warn",
      TS_NODE_TRANSPILE_ONLY: "true",
    }
    const logs = { env, logDir: tmp, timeoutMs: 240_000 }

    log.step("Medusa: migrations, seed (Sweden, SEK incl. 25 % VAT, Klarna enabled, admin user)")
    await medusa("demo-migrate", ["db:migrate"], logs)
    await medusa("demo-seed", ["exec", "./scripts/seed/demo-seed.ts"], logs)
    const seed = JSON.parse(fs.readFileSync(env.DEMO_SEED_OUT, "utf8"))
    log.info(`done at ${elapsed()} (logs in .tmp/)`)

    log.step(`Medusa dev store on ${medusaUrl}`)
    const server = spawnLogged("demo-medusa", process.execPath, [MEDUSA_CLI, "develop"], { env, logDir: tmp })
    cleanup.push(() => server.stop())
    await waitForHealth(medusaUrl, server)
    log.info(`ready at ${elapsed()}`)

    log.step("Demo storefront (Medusa's JS SDK + the plugin's <KlarnaPayment>, Klarna's widget from the emulator)")
    const storefront = await startStorefront({
      medusaUrl,
      publishableKey: seed.publishable_key,
      klarnaSdkUrl: `${emulator.url}/kp/lib/v1/api.js`,
      port: await portOr(8000),
    })
    cleanup.push(() => storefront.close())
    log.info(`${storefront.url}`)

    if (storeOnly) {
      console.log(`\nStorefront: ${storefront.url} (pick products, address, shipping, pay with Klarna)`)
      console.log(`Store: ${medusaUrl} (admin ${medusaUrl}/app, login ${seed.admin.email} / ${seed.admin.password})`)
      console.log(`Publishable key: ${seed.publishable_key}`)
      console.log(`Klarna emulator: ${emulator.url} (username ${username}). Ctrl-C to stop.`)
      return
    }
    const facts = await walkthrough({ medusaUrl, emulatorUrl: emulator.url, seed, log })
    const summary = summarize(facts)
    printSummary(summary, console.log)
    console.log(`\nFinished in ${elapsed()}.`)
    if (once) return shutdown(summary.ok ? 0 : 1)

    console.log(`\nThe store keeps running. Shop with Klarna in the demo storefront: ${storefront.url}`)
    console.log(`Open the admin dashboard: ${medusaUrl}/app`)
    console.log(
      `  login ${seed.admin.email} / ${seed.admin.password}, then Orders → #${facts.order.display_id} → the Klarna panel`
    )
    console.log(`  Klarna emulator: ${emulator.url} (request log: ${emulator.url}/__emulator/requests)`)
    console.log("Press Ctrl-C to stop.")
  } catch (e) {
    console.error(`\n✘ demo failed: ${e.message}`)
    console.error("  logs: .tmp/demo-*.log")
    return shutdown(1)
  }
}

main()
