import type { MedusaContainer } from "@medusajs/framework/types"
import { klarnaFailureOf } from "../lib/klarna"
import { asKlarnaData, captureRecordView, isKlarnaProviderId, klarnaAdmin } from "./klarna-admin-adapter"

/**
 * klarna-find-orders-needing-attention. Everything comes from the database first (indexed
 * filters, no per-order walk); Klarna is asked only to confirm authorizations that the plugin's
 * own copy of Klarna's expires_at (payment.data.expires_at, kept current by the plugin) puts
 * inside the window, and at most MAX_KLARNA_LOOKUPS of them, soonest first.
 */

/** capture records needing attention. (`canceled`, where it exists, is settled: not listed.) */
export const ATTENTION_STATUSES = ["pending", "failed"] as const
export const MAX_RECORDS = 500
export const MAX_OPEN_PAYMENTS = 1000
export const MAX_FRAUD_SESSIONS = 500
export const MAX_KLARNA_LOOKUPS = 20
const LOOKUP_CONCURRENCY = 4
const DAY = 24 * 60 * 60 * 1000

export type AttentionReason = "capture_failed" | "capture_pending" | "authorization_expiring" | "fraud_pending"

export interface ExpiryCandidate {
  payment_collection_id: string
  provider_id: string
  klarna_order_id: string
  /** the plugin's copy of Klarna's expires_at; null when it has none (older payments) */
  expires_at: string | null
}

/** A Medusa payment or payment session, as far as it is read here. */
export interface PaymentRow {
  payment_collection_id: string
  provider_id: string
  data?: Record<string, unknown>
}

/**
 * Open Klarna payments whose authorization may expire within `days`: a known expires_at inside
 * the window (or already past), or an unknown one. Soonest first, unknown last, at most `max`.
 */
export function expiryCandidates(
  payments: PaymentRow[],
  nowMs: number,
  days: number,
  max: number
): { candidates: ExpiryCandidate[]; skipped: number } {
  const within = payments
    .flatMap((p): ExpiryCandidate[] => {
      const data = asKlarnaData(p?.data)
      if (!isKlarnaProviderId(p?.provider_id) || !data.order_id) return []
      const expires_at = typeof data.expires_at === "string" ? data.expires_at : null
      return [
        {
          payment_collection_id: p.payment_collection_id,
          provider_id: p.provider_id,
          klarna_order_id: data.order_id,
          expires_at,
        },
      ]
    })
    .filter((c) => c.expires_at === null || new Date(c.expires_at).getTime() - nowMs <= days * DAY)
    .sort((a, b) => (a.expires_at === null ? 1 : b.expires_at === null ? -1 : a.expires_at.localeCompare(b.expires_at)))
  return { candidates: within.slice(0, max), skipped: Math.max(0, within.length - max) }
}

export interface AttentionOrder {
  order_id: string
  display_id: number | null
  provider_id: string | null
  klarna_order_id: string | null
  reasons: AttentionReason[]
  failed_captures: ReturnType<typeof captureRecordView>[]
  pending_captures: ReturnType<typeof captureRecordView>[]
  authorization: {
    expires_at: string | null
    days_left: number | null
    status: string | null
    remaining_authorized_amount: number | null
    currency_code: string | null
  } | null
  fraud_status: "PENDING" | null
  suggested_next_steps: string[]
}

const URGENCY: Record<AttentionReason, number> = {
  capture_failed: 0,
  authorization_expiring: 1,
  capture_pending: 2,
  fraud_pending: 3,
}

/** Most urgent first: by the most urgent reason, then the authorization that expires first. */
export function byUrgency(a: AttentionOrder, b: AttentionOrder): number {
  const rank = (o: AttentionOrder) => Math.min(...o.reasons.map((r) => URGENCY[r]))
  const d = rank(a) - rank(b)
  if (d !== 0) return d
  const ea = a.authorization?.expires_at ?? "9999"
  const eb = b.authorization?.expires_at ?? "9999"
  return ea.localeCompare(eb)
}

function nextSteps(o: AttentionOrder): string[] {
  const steps: string[] = []
  if (o.reasons.includes("capture_failed")) {
    steps.push(
      "Read each failed capture's last_error (Klarna's error_code and correlation_id); if the cause is gone, run klarna-retry-captures."
    )
  }
  if (o.reasons.includes("capture_pending")) {
    steps.push(
      "Pending captures are retried automatically; klarna-retry-captures retries them now with their original idempotency keys."
    )
  }
  if (o.reasons.includes("authorization_expiring")) {
    steps.push(
      "Ship or capture (klarna-capture-order) before the authorization expires; uncaptured money cannot be captured after expires_at."
    )
  }
  if (o.reasons.includes("fraud_pending")) {
    steps.push(
      "Klarna is still reviewing this order: do not ship until fraud_status is ACCEPTED (check with klarna-get-order)."
    )
  }
  return steps
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i])
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}

export interface FindOrdersResult {
  orders: AttentionOrder[]
  total_found: number
  scan: {
    capture_records_scanned: number
    open_payments_scanned: number
    fraud_pending_sessions_scanned: number
    klarna_lookups: number
    klarna_lookup_errors: number
    expiry_candidates_not_checked: number
    truncated: boolean
  }
}

export async function findOrdersNeedingAttention(
  scope: MedusaContainer,
  input: { expiring_within_days: number; limit: number; now?: number }
): Promise<FindOrdersResult> {
  const now = input.now ?? Date.now()
  const [records, openPayments, pendingSessions] = await Promise.all([
    klarnaAdmin.listCaptureRecordsByStatus(scope, [...ATTENTION_STATUSES], MAX_RECORDS),
    klarnaAdmin.listOpenPayments(scope, MAX_OPEN_PAYMENTS),
    klarnaAdmin.listPaymentSessionsAwaitingAuthorization(scope, MAX_FRAUD_SESSIONS),
  ])

  const entries = new Map<string, AttentionOrder>()
  const entry = (orderId: string, providerId: string | null, klarnaOrderId: string | null) => {
    let e = entries.get(orderId)
    if (!e) {
      e = {
        order_id: orderId,
        display_id: null,
        provider_id: providerId,
        klarna_order_id: klarnaOrderId,
        reasons: [],
        failed_captures: [],
        pending_captures: [],
        authorization: null,
        fraud_status: null,
        suggested_next_steps: [],
      }
      entries.set(orderId, e)
    }
    e.provider_id ??= providerId
    e.klarna_order_id ??= klarnaOrderId
    return e
  }
  const reason = (e: AttentionOrder, r: AttentionReason) => {
    if (!e.reasons.includes(r)) e.reasons.push(r)
  }

  for (const r of records) {
    if (!(ATTENTION_STATUSES as readonly string[]).includes(r.status)) continue
    const e = entry(r.order_id, r.provider_id ?? null, r.klarna_order_id ?? null)
    if (r.status === "failed") {
      e.failed_captures.push(captureRecordView(r))
      reason(e, "capture_failed")
    } else {
      e.pending_captures.push(captureRecordView(r))
      reason(e, "capture_pending")
    }
  }

  // payment collection → order, for payments and sessions
  const fraudSessions = pendingSessions.filter((s) => isKlarnaProviderId(s?.provider_id) && s?.data?.order_id)
  const fraudPayments = openPayments.filter(
    (p) => isKlarnaProviderId(p?.provider_id) && p?.data?.fraud_status === "PENDING"
  )
  const { candidates, skipped } = expiryCandidates(openPayments, now, input.expiring_within_days, MAX_KLARNA_LOOKUPS)
  const collectionIds = [
    ...new Set([...fraudSessions, ...fraudPayments, ...candidates].map((x) => x.payment_collection_id).filter(Boolean)),
  ]
  const orderOfCollection = await klarnaAdmin.orderIdsOfPaymentCollections(scope, collectionIds)

  for (const s of [...fraudSessions, ...fraudPayments]) {
    const orderId = orderOfCollection.get(s.payment_collection_id)
    if (!orderId) continue
    const e = entry(orderId, s.provider_id, asKlarnaData(s.data).order_id ?? null)
    e.fraud_status = "PENDING"
    reason(e, "fraud_pending")
  }

  let lookupErrors = 0
  await mapLimit(candidates, LOOKUP_CONCURRENCY, async (c) => {
    const orderId = orderOfCollection.get(c.payment_collection_id)
    if (!orderId) return
    let auth: AttentionOrder["authorization"]
    try {
      const ko = await klarnaAdmin.readKlarnaOrder(scope, c.provider_id, c.klarna_order_id)
      const open = ["AUTHORIZED", "PART_CAPTURED"].includes(ko.status) && (ko.remaining_authorized_amount ?? 0) > 0
      const expiresAt = ko.expires_at ?? null
      const inWindow = !!expiresAt && new Date(expiresAt).getTime() - now <= input.expiring_within_days * DAY
      if (!open || !inWindow) return
      auth = {
        expires_at: expiresAt,
        days_left: Math.floor((new Date(expiresAt!).getTime() - now) / DAY),
        status: ko.status,
        remaining_authorized_amount: ko.remaining_authorized_amount ?? null,
        currency_code: ko.purchase_currency?.toLowerCase() ?? null,
      }
    } catch (err) {
      if (!klarnaFailureOf(err)) throw err
      lookupErrors++
      if (!c.expires_at) return
      // Klarna did not answer: report it from the plugin's copy of expires_at
      auth = {
        expires_at: c.expires_at,
        days_left: Math.floor((new Date(c.expires_at).getTime() - now) / DAY),
        status: null,
        remaining_authorized_amount: null,
        currency_code: null,
      }
    }
    const e = entry(orderId, c.provider_id, c.klarna_order_id)
    e.authorization = auth
    reason(e, "authorization_expiring")
  })

  const all = [...entries.values()]
  const display = await klarnaAdmin.displayIdsOfOrders(
    scope,
    all.map((e) => e.order_id)
  )
  for (const e of all) e.display_id = display.get(e.order_id) ?? null
  for (const e of all) e.suggested_next_steps = nextSteps(e)
  all.sort(byUrgency)

  return {
    orders: all.slice(0, input.limit),
    total_found: all.length,
    scan: {
      capture_records_scanned: records.length,
      open_payments_scanned: openPayments.length,
      fraud_pending_sessions_scanned: pendingSessions.length,
      klarna_lookups: candidates.length,
      klarna_lookup_errors: lookupErrors,
      expiry_candidates_not_checked: skipped,
      truncated:
        records.length >= MAX_RECORDS ||
        openPayments.length >= MAX_OPEN_PAYMENTS ||
        pendingSessions.length >= MAX_FRAUD_SESSIONS ||
        skipped > 0 ||
        all.length > input.limit,
    },
  }
}
