import http from "node:http"
import type { Socket } from "node:net"

/** An http.Agent that counts the sockets it opens and the most it held open at once. */
export interface CountingAgent {
  agent: http.Agent
  /** sockets created since the last reset */
  opened(): number
  /** most sockets open at the same time since the last reset */
  peak(): number
  reset(): void
}

export function countingAgent(options: http.AgentOptions): CountingAgent {
  const agent = new http.Agent(options)
  let opened = 0
  let open = 0
  let peak = 0
  const create = (agent as unknown as { createConnection: (...a: unknown[]) => Socket }).createConnection
  ;(agent as unknown as { createConnection: (...a: unknown[]) => Socket }).createConnection = function (
    this: unknown,
    ...args: unknown[]
  ) {
    const socket = create.apply(this, args)
    opened++
    open++
    peak = Math.max(peak, open)
    socket.once("close", () => {
      open--
    })
    return socket
  }
  return {
    agent,
    opened: () => opened,
    peak: () => peak,
    reset: () => {
      opened = 0
      peak = open
    },
  }
}
