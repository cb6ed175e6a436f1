import { unauthorized } from "./errors"
import type { EmulatorRequest } from "./http"
import { header } from "./http"

export interface Account {
  username: string
  password: string
}

/** The username a request claims in its Basic auth header (for the request log), or null. */
export function claimedUsername(request: EmulatorRequest): string | null {
  return parseBasic(request)?.username ?? null
}

/** The merchant (account username) behind valid Basic credentials; 401 UNAUTHORIZED otherwise. */
export function authenticate(request: EmulatorRequest, accounts: Account[]): string {
  const credentials = parseBasic(request)
  const account =
    credentials && accounts.find((a) => a.username === credentials.username && a.password === credentials.password)
  if (!account) throw unauthorized()
  return account.username
}

function parseBasic(request: EmulatorRequest): Account | null {
  const value = header(request, "authorization")
  const match = value?.match(/^Basic\s+(\S+)$/i)
  if (!match) return null
  const decoded = Buffer.from(match[1], "base64").toString("utf8")
  const colon = decoded.indexOf(":")
  if (colon < 0) return null
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}
