import type { KlarnaFailureDetails } from "../../lib/klarna/failure"
import { BACKEND_URL, sdk } from "./sdk"
import type {
  CaptureRecord,
  ExtendDueDateOptionsResponse,
  KlarnaCapture,
  KlarnaOrderResponse,
  ManualCaptureBody,
  ShippingInfo,
} from "./types"

/**
 * An admin API error that keeps the body: the toast shows Klarna's error_code and correlation_id
 * (`klarna`: the body's Klarna details, when Klarna failed).
 */
export class KlarnaApiError extends Error {
  readonly status: number
  readonly type?: string
  readonly klarna?: KlarnaFailureDetails

  constructor(message: string, status: number, type?: string, klarna?: KlarnaFailureDetails) {
    super(message)
    this.name = "KlarnaApiError"
    this.status = status
    this.type = type
    this.klarna = klarna
  }
}

/** The HTTP status of a failed admin request (a KlarnaApiError, or the js-sdk's FetchError). */
export const httpStatusOf = (error: unknown): number | undefined => (error as { status?: number } | null)?.status

/** Klarna's side of a failed admin request, when the error carries it. */
export const klarnaDetailsOf = (error: unknown): KlarnaFailureDetails | undefined =>
  (error as { klarna?: KlarnaFailureDetails } | null)?.klarna

const base = `/admin/klarna/orders`
const orderPath = (orderId: string) => `${base}/${encodeURIComponent(orderId)}`
const capturePath = (orderId: string, captureId: string) =>
  `${orderPath(orderId)}/captures/${encodeURIComponent(captureId)}`

function urlOf(path: string): string {
  const root = new URL(BACKEND_URL, window.location.origin)
  return `${root.origin}${root.pathname.replace(/\/$/, "")}${path}`
}

/**
 * POSTs with the dashboard's session cookie, like `sdk.client.fetch` does, but keeps the error
 * body: the js-sdk's FetchError carries only the message, and admins need Klarna's error_code and
 * correlation_id to follow a refusal up with Klarna.
 */
async function post<T>(path: string, body: unknown = {}, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(urlOf(path), {
    method: "POST",
    credentials: "include",
    headers: { "content-type": "application/json", accept: "application/json", ...headers },
    body: JSON.stringify(body),
  })
  const text = await res.text()
  let json: unknown = {}
  try {
    json = text ? JSON.parse(text) : {}
  } catch {
    json = { message: text }
  }
  if (!res.ok) {
    const error = json as { message?: string; type?: string; klarna?: KlarnaFailureDetails } | null
    throw new KlarnaApiError(
      error?.message || res.statusText || `HTTP ${res.status}`,
      res.status,
      error?.type,
      error?.klarna
    )
  }
  return json as T
}

/** The Klarna side of an order, or null when the order was not paid with Klarna (404). */
export async function fetchKlarnaOrder(orderId: string): Promise<KlarnaOrderResponse | null> {
  try {
    return await sdk.client.fetch<KlarnaOrderResponse>(orderPath(orderId))
  } catch (e) {
    if (httpStatusOf(e) === 404) return null
    throw e
  }
}

export function fetchExtendDueDateOptions(orderId: string, captureId: string) {
  return sdk.client.fetch<ExtendDueDateOptionsResponse>(`${capturePath(orderId, captureId)}/extend-due-date-options`)
}

export function extendDueDate(orderId: string, captureId: string, numberOfDays: number) {
  return post<{ capture: KlarnaCapture }>(`${capturePath(orderId, captureId)}/extend-due-date`, {
    number_of_days: numberOfDays,
  })
}

export function addShippingInfo(orderId: string, captureId: string, shippingInfo: ShippingInfo[]) {
  return post<{ capture: KlarnaCapture }>(`${capturePath(orderId, captureId)}/shipping-info`, {
    shipping_info: shippingInfo,
  })
}

export function triggerSendOut(orderId: string, captureId: string) {
  return post<{ capture_id: string; sent: boolean }>(`${capturePath(orderId, captureId)}/trigger-send-out`)
}

/** `idempotencyKey`: one per admin intent, so a double click or a retry never captures twice. */
export function createManualCapture(orderId: string, body: ManualCaptureBody, idempotencyKey: string) {
  return post<{ capture_record: CaptureRecord }>(`${orderPath(orderId)}/captures`, body, {
    "idempotency-key": idempotencyKey,
  })
}

export function retryCaptures(orderId: string) {
  return post<{ capture_records: CaptureRecord[] }>(`${orderPath(orderId)}/retry-captures`)
}
