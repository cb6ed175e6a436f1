import os from "os"

const totals = () =>
  os.cpus().reduce(
    (acc, c) => {
      const { idle, ...rest } = c.times
      acc.idle += idle
      acc.busy += Object.values(rest).reduce((a, b) => a + b, 0)
      return acc
    },
    { idle: 0, busy: 0 }
  )

/** The machine's CPU busy share (0–1, every core) from now until the returned function is called. */
export function cpuBusySince(): () => number {
  const start = totals()
  return () => {
    const end = totals()
    const busy = end.busy - start.busy
    const idle = end.idle - start.idle
    return busy + idle > 0 ? busy / (busy + idle) : 0
  }
}
