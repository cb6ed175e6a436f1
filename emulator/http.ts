import type { IncomingHttpHeaders } from "node:http"

/** A request as the handlers see it: body already read and parsed. */
export interface EmulatorRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: IncomingHttpHeaders
  body: unknown
  /** e.g. http://127.0.0.1:4010, from the Host header: used for Location and redirect URLs. */
  baseUrl: string
}

export interface EmulatorResponse {
  status: number
  headers?: Record<string, string>
  /** undefined = empty body (Klarna's 201/204 answers). */
  body?: unknown
}

export type Params = Record<string, string>

export const json = (body: unknown, status = 200): EmulatorResponse => ({ status, body })
export const noContent = (): EmulatorResponse => ({ status: 204 })

export function header(request: EmulatorRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()]
  return Array.isArray(value) ? value[0] : value
}
