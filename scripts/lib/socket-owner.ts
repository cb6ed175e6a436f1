// Which of a few processes owns the TCP connection whose local port is `port` (Linux /proc):
// the chaos suite uses it to kill -9 exactly the worker that is in the middle of a Klarna call.
import { readdirSync, readFileSync, readlinkSync } from "fs"

function socketInodes(port: number): Set<string> {
  const inodes = new Set<string>()
  const hex = port.toString(16).toUpperCase().padStart(4, "0")
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = ""
    try {
      text = readFileSync(table, "utf8")
    } catch {
      continue
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/)
      if (cols.length > 9 && cols[1].endsWith(`:${hex}`)) inodes.add(cols[9])
    }
  }
  return inodes
}

/** The pid among `pids` that holds a socket bound locally to `port`, or undefined. */
export function pidOwningLocalPort(port: number, pids: number[]): number | undefined {
  const inodes = socketInodes(port)
  if (!inodes.size) return undefined
  for (const pid of pids) {
    let fds: string[] = []
    try {
      fds = readdirSync(`/proc/${pid}/fd`)
    } catch {
      continue
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))
        if (m && inodes.has(m[1])) return pid
      } catch {}
    }
  }
  return undefined
}

/** Pids listening on `port` (to make sure nothing a run started outlives it). */
export function pidsListeningOn(port: number): number[] {
  const hex = port.toString(16).toUpperCase().padStart(4, "0")
  const inodes = new Set<string>()
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = ""
    try {
      text = readFileSync(table, "utf8")
    } catch {
      continue
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/)
      if (cols.length > 9 && cols[1].endsWith(`:${hex}`) && cols[3] === "0A") inodes.add(cols[9])
    }
  }
  const found: number[] = []
  if (!inodes.size) return found
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue
    try {
      for (const fd of readdirSync(`/proc/${entry}/fd`)) {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${entry}/fd/${fd}`))
        if (m && inodes.has(m[1])) {
          found.push(Number(entry))
          break
        }
      }
    } catch {}
  }
  return found
}

/** Every pid whose process group is `pgid` (a spawned command and its children). */
export function pidsInGroup(pgid: number): number[] {
  const pids: number[] = []
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8")
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
      if (Number(fields[2]) === pgid) pids.push(Number(entry))
    } catch {}
  }
  return pids
}
