import { randomUUID } from "node:crypto"
import { badValue, defaultErrorCode, KlarnaError } from "./errors"
import type { Fault } from "./state"

export interface FaultInput {
  method?: string
  path: string
  status?: number
  error_code?: string
  retry_after?: number
  count?: number
  /** let this many matching calls through untouched first (to hit the 2nd, 3rd … call) */
  skip?: number
  persistent?: boolean
  delay_ms?: number
  /** wait this long after the call was carried out, before answering (or dropping "after") */
  delay_after_ms?: number
  drop_connection?: "before" | "after"
}

export function parseFault(input: unknown): Fault {
  const f = (input ?? {}) as Partial<FaultInput>
  const problems: string[] = []
  if (typeof f.path !== "string" || !f.path.startsWith("/")) problems.push("path must be a string starting with /")
  if (f.method !== undefined && typeof f.method !== "string") problems.push("method must be a string")
  if (f.status !== undefined && !(Number.isInteger(f.status) && f.status >= 400 && f.status <= 599)) {
    problems.push("status must be an integer 400..599")
  }
  if (f.count !== undefined && !(Number.isInteger(f.count) && f.count >= 1))
    problems.push("count must be an integer ≥ 1")
  if (f.skip !== undefined && !(Number.isInteger(f.skip) && f.skip >= 0)) problems.push("skip must be an integer ≥ 0")
  if (f.delay_ms !== undefined && !(typeof f.delay_ms === "number" && f.delay_ms >= 0))
    problems.push("delay_ms must be ≥ 0")
  if (f.delay_after_ms !== undefined && !(typeof f.delay_after_ms === "number" && f.delay_after_ms >= 0))
    problems.push("delay_after_ms must be ≥ 0")
  if (f.retry_after !== undefined && !(typeof f.retry_after === "number" && f.retry_after >= 0)) {
    problems.push("retry_after must be a number of seconds ≥ 0")
  }
  if (f.drop_connection !== undefined && f.drop_connection !== "before" && f.drop_connection !== "after") {
    problems.push('drop_connection must be "before" or "after"')
  }
  if (f.status !== undefined && f.drop_connection !== undefined)
    problems.push("status and drop_connection exclude each other")
  if (f.delay_after_ms !== undefined && (f.status !== undefined || f.drop_connection === "before"))
    problems.push("delay_after_ms needs a call that is carried out (no status, no drop before)")
  if (
    f.status === undefined &&
    f.drop_connection === undefined &&
    f.delay_ms === undefined &&
    f.delay_after_ms === undefined
  ) {
    problems.push("a fault needs status, drop_connection, delay_ms or delay_after_ms")
  }
  if (problems.length) throw badValue(...problems)
  return {
    id: randomUUID(),
    method: f.method?.toUpperCase(),
    path: f.path!,
    status: f.status,
    error_code: f.error_code,
    retry_after: f.retry_after,
    remaining: f.persistent ? Infinity : (f.count ?? 1),
    skip: f.skip ?? 0,
    delay_ms: f.delay_ms,
    delay_after_ms: f.delay_after_ms,
    drop_connection: f.drop_connection,
  }
}

/** `*` matches one path segment (a run of non-'/' characters); everything else is literal. */
export function pathGlobMatches(glob: string, path: string): boolean {
  const pattern = glob
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join("[^/]+")
  return new RegExp(`^${pattern}$`).test(path)
}

/** The first registered fault that matches and skips no more calls, with one use consumed. */
export function takeFault(faults: Fault[], method: string, path: string): Fault | undefined {
  for (const f of faults) {
    if (!(f.remaining > 0 && (!f.method || f.method === method) && pathGlobMatches(f.path, path))) continue
    if (f.skip) {
      f.skip -= 1
      continue
    }
    f.remaining -= 1
    return f
  }
  return undefined
}

/** The refusal a status fault answers with, without touching any state. */
export function faultError(fault: Fault): KlarnaError {
  const status = fault.status!
  const headers: Record<string, string> = {}
  if (fault.retry_after !== undefined) headers["Retry-After"] = String(fault.retry_after)
  if (status === 429) {
    headers["X-Ratelimit-Limit"] = "50"
    headers["X-Ratelimit-Remaining"] = "0"
    headers["X-Ratelimit-Reset"] = String(fault.retry_after ?? 1)
  }
  return new KlarnaError(status, fault.error_code ?? defaultErrorCode(status), [`Injected fault ${fault.id}`], headers)
}
