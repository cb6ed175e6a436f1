import { fromMinorUnits, toDecimal, type MoneyLike } from "../../../lib/amounts"
import type { OmOrder } from "../../../lib/klarna/types"
import type { KlarnaActionRecord, KlarnaCaptureRecord, KlarnaOrderOperationRecord } from "../../../modules/klarna/types"

/** A module record as the views read it: the fields named are there, the others may be missing. */
type RecordWith<R, K extends keyof R> = Pick<R, K> & Partial<R>

/** Pure mappers from Klarna / module data to the admin API's response shapes (see docs/admin-api.md). */

export interface AmountView {
  /** Klarna's integer minor units */
  minor: number
  /** Medusa's major units */
  major: number
}

const amount = (minor: number | undefined, currency: string): AmountView => {
  const m = typeof minor === "number" && Number.isSafeInteger(minor) ? minor : 0
  return { minor: m, major: fromMinorUnits(m, currency) }
}

export function klarnaOrderView(order: OmOrder) {
  const currency = order.purchase_currency
  return {
    order_id: order.order_id,
    status: order.status,
    fraud_status: order.fraud_status ?? null,
    klarna_reference: order.klarna_reference ?? null,
    currency_code: currency.toLowerCase(),
    expires_at: order.expires_at ?? null,
    created_at: order.created_at ?? null,
    initial_payment_method: order.initial_payment_method ?? null,
    amounts: {
      order_amount: amount(order.order_amount, currency),
      captured_amount: amount(order.captured_amount, currency),
      refunded_amount: amount(order.refunded_amount, currency),
      remaining_authorized_amount: amount(order.remaining_authorized_amount, currency),
    },
  }
}

const numberOf = (v: unknown): number | null => {
  if (v === null || v === undefined) return null
  try {
    // raw_amount is typed as any JSON object; toDecimal refuses what is not an amount
    return Number(toDecimal(v as MoneyLike))
  } catch {
    return null
  }
}

/** A klarna_capture record as the admin sees it (no idempotency key, no Medusa internals). */
export function captureRecordView(r: RecordWith<KlarnaCaptureRecord, "id" | "status" | "currency_code">) {
  return {
    id: r.id,
    status: r.status,
    amount: numberOf(r.raw_amount ?? r.amount),
    currency_code: r.currency_code,
    fulfillment_id: r.fulfillment_id ?? null,
    klarna_capture_id: r.klarna_capture_id ?? null,
    attempts: r.attempts ?? 0,
    last_error: r.last_error ?? null,
    shipping_info: r.shipping_info ?? null,
    items: r.items ?? [],
    description: r.description ?? null,
    created_by: r.created_by ?? null,
    created_at: r.created_at ?? null,
    updated_at: r.updated_at ?? null,
  }
}

export function actionView(a: RecordWith<KlarnaActionRecord, "id" | "action" | "outcome">) {
  return {
    id: a.id,
    action: a.action,
    actor_id: a.actor_id ?? null,
    outcome: a.outcome,
    details: a.details ?? null,
    klarna_capture_id: a.klarna_capture_id ?? null,
    created_at: a.created_at ?? null,
  }
}

/** A klarna_order_operation record (cancel/release after the Medusa order was canceled). */
export function orderOperationView(r: RecordWith<KlarnaOrderOperationRecord, "id" | "status">) {
  return {
    id: r.id,
    reason: String(r.key ?? "").split(":")[0] || null,
    operation: r.operation ?? null,
    status: r.status,
    attempts: r.attempts ?? 0,
    klarna_status: r.klarna_status ?? null,
    last_error: r.last_error ?? null,
    created_at: r.created_at ?? null,
    updated_at: r.updated_at ?? null,
  }
}

/**
 * Klarna refused to raise the authorization for an order change (its risk decision): what was
 * asked, what Klarna still authorizes and what is left uncovered, with Klarna's answer. Null when
 * the latest authorization update was not refused, or Klarna has since authorized the amount.
 */
export function authorizationRefusalView(
  order: OmOrder,
  actions: RecordWith<KlarnaActionRecord, "action" | "outcome">[]
) {
  const latest = actions.find((a) => a.action === "update_authorization")
  const details = (latest?.details ?? {}) as { to?: number; last_error?: Record<string, unknown> }
  if (!latest || latest.outcome !== "failed" || typeof details.to !== "number") return null
  if (order.order_amount >= details.to) return null
  const currency = order.purchase_currency
  return {
    requested_order_amount: amount(details.to, currency),
    authorized_order_amount: amount(order.order_amount, currency),
    remaining_authorized_amount: amount(order.remaining_authorized_amount, currency),
    uncovered_amount: amount(details.to - order.order_amount, currency),
    klarna_error: details.last_error ?? null,
    at: latest.created_at ? new Date(latest.created_at).toISOString() : null,
  }
}
