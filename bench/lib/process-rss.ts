import { readFileSync } from "fs"
import { pidsInGroup } from "../../scripts/lib/socket-owner"

/** Resident memory (MB) of a process group: the store's `medusa start` and anything it forked. */
export function groupRssMb(pgid: number): number {
  let kb = 0
  for (const pid of pidsInGroup(pgid)) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))
      if (m) kb += Number(m[1])
    } catch {}
  }
  return kb / 1024
}
