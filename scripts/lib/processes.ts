// Child processes of the demo and the browser e2e: own process group, output to a log file.
import { spawn, type ChildProcess } from "child_process"
import { createWriteStream, readFileSync } from "fs"
import path from "path"

export const ROOT = path.resolve(__dirname, "../..")
export const MEDUSA_CLI = path.join(ROOT, "node_modules/@medusajs/cli/cli.js")

export interface Spawned {
  child: ChildProcess
  logFile: string
  exited: Promise<number | null>
  stop(): Promise<void>
}

const tail = (file: string, lines = 40) => {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n")
  } catch {
    return ""
  }
}

/**
 * Spawns a command in its own process group, output to a log file, so that stop() ends it and
 * everything it started (and nothing else).
 */
export function spawnLogged(
  name: string,
  cmd: string,
  args: string[],
  opts: { env: NodeJS.ProcessEnv; logDir: string; cwd?: string }
): Spawned {
  const logFile = path.join(opts.logDir, `${name}.log`)
  const out = createWriteStream(logFile)
  const child = spawn(cmd, args, {
    cwd: opts.cwd ?? ROOT,
    env: opts.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  })
  child.stdout!.pipe(out)
  child.stderr!.pipe(out)
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : null)))
  )
  let stopped = false
  return {
    child,
    logFile,
    exited,
    async stop() {
      if (stopped || child.exitCode !== null || child.signalCode !== null) return
      stopped = true
      const group = -child.pid!
      try {
        process.kill(group, "SIGTERM")
      } catch {
        return
      }
      const done = await Promise.race([
        exited.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), 5000)),
      ])
      if (!done) {
        try {
          process.kill(group, "SIGKILL")
        } catch {}
      }
    },
  }
}

/** Runs a command to completion; rejects with the end of its log when it fails or times out. */
export async function runLogged(
  name: string,
  cmd: string,
  args: string[],
  opts: { env: NodeJS.ProcessEnv; logDir: string; timeoutMs: number; cwd?: string }
): Promise<void> {
  const p = spawnLogged(name, cmd, args, opts)
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<"timeout">((r) => (timer = setTimeout(() => r("timeout"), opts.timeoutMs)))
  const code = await Promise.race([p.exited, timeout])
  clearTimeout(timer)
  if (code === "timeout") {
    await p.stop()
    throw new Error(`${name} timed out after ${opts.timeoutMs / 1000}s\n${tail(p.logFile)}`)
  }
  if (code !== 0) throw new Error(`${name} exited with ${code}\n${tail(p.logFile)}`)
}

export function medusa(
  name: string,
  args: string[],
  opts: { env: NodeJS.ProcessEnv; logDir: string; timeoutMs: number }
) {
  return runLogged(name, process.execPath, [MEDUSA_CLI, ...args], opts)
}

export { tail }

/** Resolves once GET <url>/health answers 200; rejects with the log's end if the server exits first. */
export async function waitForHealth(url: string, server: Spawned, timeoutMs = 180_000): Promise<void> {
  let exited: number | null | undefined
  server.exited.then((code) => (exited = code))
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (exited !== undefined)
      throw new Error(`the server exited (${exited}) before ${url} answered\n${tail(server.logFile)}`)
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false
    )
    if (ok) return
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`${url}/health did not answer within ${timeoutMs / 1000}s`)
}
