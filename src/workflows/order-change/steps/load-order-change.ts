import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { toDecimal, toMinorUnits, type MoneyLike } from "../../../lib/amounts"
import type { OmOrder } from "../../../lib/klarna/types"
import { buildOrderLines } from "../../../lib/order-lines"
import { klarnaPaymentOf, type OrderPaymentRow } from "../../../utils/klarna-order-ref"
import { getKlarnaProvider, isKlarnaProviderId } from "../../../utils/klarna-provider-lookup"
import { ORDER_LINES_FIELDS, toOrderLinesSource, type CartOrOrderLike } from "../../../utils/order-lines-source"
import { orderCaptureRecords } from "../../capture/record-store"
import { mayNeedFollowUp, planOrderChange, type CollectionState, type OrderChangePlan } from "../plan/plan-order-change"

export interface OrderChangeState {
  order_id: string
  provider_id: string
  klarna_order_id: string
  currency_code: string
  /** the latest confirmed Medusa order change: Klarna's idempotency keys derive from it */
  change_id: string
  klarna: OmOrder
  plan: OrderChangePlan
  /** live Klarna payments (their data keeps Klarna's order amount for capture planning) */
  live_payments: { id: string; data: Record<string, unknown> }[]
}

type Collection = {
  id: string
  status: string
  amount: MoneyLike
  raw_amount?: MoneyLike | null
  captured_amount?: MoneyLike | null
  raw_captured_amount?: MoneyLike | null
  payments?: (OrderPaymentRow | null)[] | null
  payment_sessions?: (OrderPaymentRow | null)[] | null
}
type ChangeOrder = CartOrOrderLike & { id: string; status: string; payment_collections?: (Collection | null)[] | null }

const FIELDS = [
  ...ORDER_LINES_FIELDS,
  "status",
  "payment_collections.id",
  "payment_collections.status",
  "payment_collections.amount",
  "payment_collections.raw_amount",
  "payment_collections.captured_amount",
  "payment_collections.raw_captured_amount",
  "payment_collections.payments.*",
  "payment_collections.payment_sessions.*",
]

/** Any Klarna order the order was ever paid with (its live payment's first; a canceled one's after a change). */
function klarnaOrderOf(
  order: ChangeOrder,
  live: ReturnType<typeof klarnaPaymentOf>
): { provider_id: string; klarna_order_id: string } | null {
  if (live) return live
  for (const pc of order.payment_collections ?? [])
    for (const p of pc?.payments ?? [])
      if (p && isKlarnaProviderId(p.provider_id) && p.data?.order_id)
        return { provider_id: p.provider_id, klarna_order_id: p.data.order_id }
  return null
}

const paidByKlarna = (pc: Collection) =>
  (pc.payments ?? []).some((p) => !!p && isKlarnaProviderId(p.provider_id) && !p.canceled_at && !!p.data?.order_id)

async function latestChangeId(container: MedusaContainer, orderId: string): Promise<string | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order_change",
    fields: ["id", "confirmed_at", "created_at"],
    filters: { order_id: orderId, status: "confirmed" },
  })
  const sorted = [...data].sort((a, b) => String(b.confirmed_at ?? "").localeCompare(String(a.confirmed_at ?? "")))
  return sorted[0]?.id ?? null
}

/**
 * Reads both sides after a Medusa order change (the order as it is now, its payment collections,
 * the plugin's capture records, Klarna's order) and plans what follows. Null: nothing to follow
 * (not paid with Klarna, or canceled: order.canceled settles those).
 */
export const loadOrderChangeStepId = "klarna-load-order-change"

export interface LoadOrderChangeInput {
  order_id: string
  /** run right after one of the plugin's captures: Klarna is read only when Medusa's side says it may matter */
  after_capture?: boolean
}

function collectionStates(order: ChangeOrder): CollectionState[] {
  const currency = order.currency_code
  return (order.payment_collections ?? [])
    .filter((pc): pc is Collection => !!pc)
    .map((pc) => ({
      id: pc.id,
      status: pc.status,
      amount: toMinorUnits(pc.raw_amount ?? pc.amount, currency),
      captured: toMinorUnits(pc.raw_captured_amount ?? pc.captured_amount ?? 0, currency),
      medusa_amount: toDecimal(pc.raw_amount ?? pc.amount).toString(),
      medusa_captured: toDecimal(pc.raw_captured_amount ?? pc.captured_amount ?? 0).toString(),
      paid_by_klarna: paidByKlarna(pc),
    }))
}

export const loadOrderChangeStep = createStep(
  loadOrderChangeStepId,
  async (input: LoadOrderChangeInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const [{ data }, allRecords, changeId] = await Promise.all([
      query.graph({ entity: "order", fields: FIELDS, filters: { id: input.order_id } }),
      orderCaptureRecords(container, input.order_id),
      latestChangeId(container, input.order_id),
    ])
    const order = data[0] as ChangeOrder | undefined
    const live = order && klarnaPaymentOf({ ...order, payment_collections: order.payment_collections ?? [] })
    const ref = order && order.status !== "canceled" ? klarnaOrderOf(order, live ?? null) : null
    if (!order || !ref) return new StepResponse<OrderChangeState | null>(null)
    const provider = getKlarnaProvider(container, ref.provider_id)
    const lines = buildOrderLines(toOrderLinesSource(order, provider.options.product_url_base))
    const records = allRecords.filter((r) => r.status !== "canceled" && r.status !== "failed")
    const collections = collectionStates(order)
    if (
      input.after_capture &&
      live &&
      !mayNeedFollowUp({ lines, records, collections, authorized: live.authorized_minor })
    ) {
      return new StepResponse<OrderChangeState | null>(null)
    }
    const klarna = await provider.klarnaClient().getOrder(ref.klarna_order_id)
    const plan = planOrderChange({ klarna, lines, records, collections })
    const live_payments = (order.payment_collections ?? [])
      .flatMap((pc) => pc?.payments ?? [])
      .filter((p): p is OrderPaymentRow => !!p && isKlarnaProviderId(p.provider_id) && !p.canceled_at)
      .map((p) => ({ id: p.id, data: { ...(p.data ?? {}) } }))
    return new StepResponse<OrderChangeState | null>({
      order_id: order.id,
      provider_id: ref.provider_id,
      klarna_order_id: ref.klarna_order_id,
      currency_code: order.currency_code,
      change_id: changeId ?? `${order.id}:${klarna.order_amount}`,
      klarna,
      plan,
      live_payments,
    })
  }
)
