import type { AddressInfo } from "node:net"
import type { Account } from "./auth"
import { createEmulatorServer } from "./server"

export type { Account } from "./auth"

export interface KlarnaEmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** One merchant's credentials (default emulator_user / emulator_pass unless `accounts` is given). */
  username?: string
  password?: string
  /** More merchants: each sees only its own sessions and orders. */
  accounts?: Account[]
  /** First retry delay of merchant callbacks in ms (Klarna: 1000). */
  callbackBackoffMs?: number
}

export interface KlarnaEmulator {
  url: string
  port: number
  close(): Promise<void>
}

export const DEFAULT_USERNAME = "emulator_user"
export const DEFAULT_PASSWORD = "emulator_pass"

export async function startKlarnaEmulator(options: KlarnaEmulatorOptions = {}): Promise<KlarnaEmulator> {
  const host = options.host ?? "127.0.0.1"
  const accounts: Account[] = [...(options.accounts ?? [])]
  if (options.username !== undefined || options.password !== undefined || !accounts.length) {
    accounts.push({
      username: options.username ?? DEFAULT_USERNAME,
      password: options.password ?? DEFAULT_PASSWORD,
    })
  }
  const { server, callbacks } = createEmulatorServer({
    accounts,
    callbackBackoffMs: options.callbackBackoffMs ?? 1000,
  })
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const urlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        callbacks.stop()
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
