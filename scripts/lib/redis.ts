// A private redis-server on a free port (no persistence), for runs that need Redis and must not
// share state with anything else on the machine.
import { execFileSync } from "child_process"
import { mkdirSync } from "fs"
import net from "net"
import { spawnLogged, type Spawned } from "./processes"
const { freePort } = require("./database")

export interface RedisServer {
  url: string
  port: number
  process: Spawned
  stop(): Promise<void>
}

export function redisServerBinary(): string {
  try {
    return execFileSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" }).trim()
  } catch {
    throw new Error("redis-server not found: install it (Debian: apt-get install -y redis-server)")
  }
}

const ping = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, "127.0.0.1")
    socket.setTimeout(1000)
    socket.once("connect", () => socket.write("PING\r\n"))
    socket.once("data", (d) => {
      socket.destroy()
      resolve(d.toString().startsWith("+PONG"))
    })
    socket.once("error", () => resolve(false))
    socket.once("timeout", () => (socket.destroy(), resolve(false)))
  })

export async function startRedis(logDir: string): Promise<RedisServer> {
  mkdirSync(logDir, { recursive: true })
  const port: number = await freePort()
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"]
  const spawned = spawnLogged("redis", redisServerBinary(), args, { env: process.env, logDir })
  const until = Date.now() + 15_000
  while (!(await ping(port))) {
    if (spawned.child.exitCode !== null || Date.now() > until) {
      await spawned.stop()
      throw new Error(`redis-server did not answer on port ${port} (see ${spawned.logFile})`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return { url: `redis://127.0.0.1:${port}`, port, process: spawned, stop: () => spawned.stop() }
}
