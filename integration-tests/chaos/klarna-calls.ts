// The Klarna calls one capture makes, derived from the emulator's request log of a clean capture
// (never hard-coded), so the fault matrix follows the pipeline as it changes.

export interface LoggedCall {
  method: string
  path: string
  status: number
  remote_port?: number | null
}

/** One call of a capture: method, path template ({order}, * for ids below it), n-th of its kind. */
export interface KlarnaCall {
  method: string
  template: string
  occurrence: number
  /** e.g. "GET order", "POST captures", "GET captures/*" (2nd) */
  label: string
}

export function templateOf(path: string, klarnaOrderId: string): string | undefined {
  const base = `/ordermanagement/v1/orders/${klarnaOrderId}`
  if (path !== base && !path.startsWith(`${base}/`)) return undefined
  const rest = path.slice(base.length).split("/").filter(Boolean)
  // ids below a collection (captures/<id>, refunds/<id>) become *
  const generic = rest.map((seg, i) => (i > 0 && ["captures", "refunds"].includes(rest[i - 1]) ? "*" : seg))
  return ["/ordermanagement/v1/orders/{order}", ...generic].join("/")
}

export function deriveCalls(log: LoggedCall[], klarnaOrderId: string): KlarnaCall[] {
  const seen = new Map<string, number>()
  const calls: KlarnaCall[] = []
  for (const entry of log) {
    const template = templateOf(entry.path, klarnaOrderId)
    if (!template) continue
    const key = `${entry.method} ${template}`
    const occurrence = seen.get(key) ?? 0
    seen.set(key, occurrence + 1)
    const short = template.replace("/ordermanagement/v1/orders/{order}", "order").replace(/^order\//, "")
    calls.push({
      method: entry.method,
      template,
      occurrence,
      label: `${entry.method} ${short}${occurrence ? ` #${occurrence + 1}` : ""}`,
    })
  }
  return calls
}

export const pathFor = (call: KlarnaCall, klarnaOrderId: string) => call.template.replace("{order}", klarnaOrderId)

/** Does a logged request belong to `call` (any occurrence)? */
export function isCall(entry: LoggedCall, call: KlarnaCall, klarnaOrderId: string): boolean {
  return entry.method === call.method && templateOf(entry.path, klarnaOrderId) === call.template
}
