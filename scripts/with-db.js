#!/usr/bin/env node
// Runs a command with a reachable PostgreSQL in its env (DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD):
// the configured one when it answers, else an embedded one that is stopped afterwards.
const { spawn } = require("child_process")
const { ensureDatabase, envFor } = require("./lib/database")

async function main() {
  const [cmd, ...args] = process.argv.slice(2)
  if (!cmd) throw new Error("usage: node scripts/with-db.js <command> [args...]")
  const db = await ensureDatabase({ log: (m) => console.error(m) })
  if (db.embedded) console.error(`Embedded PostgreSQL on ${db.host}:${db.port}`)
  const child = spawn(cmd, args, {
    stdio: "inherit",
    env: { ...process.env, ...envFor(db) },
    shell: process.platform === "win32",
  })
  const forward = (sig) => child.kill(sig)
  process.on("SIGINT", forward)
  process.on("SIGTERM", forward)
  child.on("exit", async (code, signal) => {
    await db.stop()
    process.exit(code ?? (signal ? 1 : 0))
  })
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
