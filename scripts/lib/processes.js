// Child processes for the demo and e2e: start, wait until healthy, stop (whole process group).
const { spawn } = require("child_process")
const path = require("path")

const ROOT = path.resolve(__dirname, "../..")
const MEDUSA_BIN = path.join(ROOT, "node_modules/@medusajs/cli/cli.js")

function runMedusa(args, env, { logFile, inherit = false } = {}) {
  const child = spawn(process.execPath, [MEDUSA_BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: inherit ? "inherit" : ["ignore", "pipe", "pipe"],
    detached: true,
  })
  if (!inherit && logFile) {
    const out = require("fs").createWriteStream(logFile, { flags: "a" })
    child.stdout.pipe(out)
    child.stderr.pipe(out)
  }
  return child
}

function waitForExit(child, what) {
  return new Promise((resolve, reject) => {
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${what} exited with code ${code}`))))
  })
}

async function waitForHealth(url, child, timeoutMs = 180000) {
  const until = Date.now() + timeoutMs
  let exited = false
  child.on("exit", () => (exited = true))
  while (Date.now() < until) {
    if (exited) throw new Error(`the server exited before ${url} answered`)
    try {
      const res = await fetch(`${url}/health`)
      if (res.ok) return
    } catch {}
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`${url}/health did not answer within ${timeoutMs / 1000}s`)
}

function stop(child) {
  if (!child || child.exitCode !== null) return
  try {
    process.kill(-child.pid, "SIGTERM")
  } catch {}
}

module.exports = { ROOT, runMedusa, waitForExit, waitForHealth, stop }
