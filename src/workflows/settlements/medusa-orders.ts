import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { toMinorUnits, type MoneyLike } from "../../lib/amounts"
import type {
  KlarnaSettlementTransaction,
  MedusaCaptureRef,
  MedusaKlarnaOrder,
  MedusaRefundRef,
} from "../../lib/payouts"
import type { KlarnaCaptureRecord } from "../../modules/klarna/types"
import type { KlarnaPaymentData } from "../../providers/klarna/session-data"
import { KLARNA_PAYMENT_FIELDS, klarnaPaymentOf, type OrderWithPayments } from "../../utils/klarna-order-ref"
import { klarnaModule } from "../../modules/klarna"

type Money = { id: string; amount: MoneyLike; raw_amount?: MoneyLike | null }
type PaymentRow = { id: string; captures?: Money[] | null; refunds?: Money[] | null }
type OrderRow = OrderWithPayments & { display_id?: number | null }

const ORDER_FIELDS = [
  ...KLARNA_PAYMENT_FIELDS,
  "display_id",
  "payment_collections.payments.captures.*",
  "payment_collections.payments.refunds.*",
]

/** A Medusa order id, as merchant_reference2 carries it on orders the plugin placed (a hint, verified below). */
const looksLikeOrderId = (v: unknown): v is string => typeof v === "string" && /^order_[0-9A-Za-z]+$/.test(v)

/**
 * What Medusa knows of the Klarna orders of a page of transactions, keyed by Klarna order id.
 * A Medusa order is found through the plugin's capture records (they name both orders) or the
 * transaction's merchant_reference2, and taken only if its Klarna payment's `data.order_id` is
 * that Klarna order: the references are hints, Klarna's ids decide.
 */
export async function medusaOrdersFor(
  container: MedusaContainer,
  transactions: KlarnaSettlementTransaction[]
): Promise<Map<string, MedusaKlarnaOrder>> {
  const klarnaOrderIds = [...new Set(transactions.map((t) => t.order_id).filter(Boolean))]
  const found = new Map<string, MedusaKlarnaOrder>()
  if (!klarnaOrderIds.length) return found
  const records = (await klarnaModule(container).listKlarnaCaptures(
    { klarna_order_id: klarnaOrderIds },
    { select: ["id", "order_id", "klarna_order_id", "klarna_capture_id", "medusa_capture_id", "amount", "status"] }
  )) as KlarnaCaptureRecord[]
  const orderIds = new Set(records.map((r) => r.order_id))
  for (const t of transactions) if (looksLikeOrderId(t.merchant_reference2)) orderIds.add(t.merchant_reference2)
  if (!orderIds.size) return found

  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields: ORDER_FIELDS, filters: { id: [...orderIds] } })
  const wanted = new Set(klarnaOrderIds)
  for (const order of data as OrderRow[]) {
    const klarna = klarnaPaymentOf(order)
    if (!klarna?.payment || !wanted.has(klarna.klarna_order_id)) continue
    const payment = (order.payment_collections ?? [])
      .flatMap((pc) => (pc?.payments ?? []) as (PaymentRow | null)[])
      .find((p) => p?.id === klarna.payment!.id)
    const ofOrder = records.filter((r) => r.klarna_order_id === klarna.klarna_order_id && r.status === "succeeded")
    found.set(klarna.klarna_order_id, {
      klarna_order_id: klarna.klarna_order_id,
      order_id: order.id,
      display_id: order.display_id ?? null,
      currency_code: order.currency_code,
      captures: capturesOf(ofOrder, payment?.captures ?? [], klarna.payment.data ?? {}, order.currency_code),
      refunds: refundsOf(payment?.refunds ?? [], klarna.payment.data ?? {}, order.currency_code),
    })
  }
  return found
}

/** The plugin's own captures (Klarna id and amount on the record), then Medusa's other captures of the payment. */
function capturesOf(
  records: KlarnaCaptureRecord[],
  medusaCaptures: Money[],
  data: KlarnaPaymentData,
  currency: string
): MedusaCaptureRef[] {
  const fromRecords: MedusaCaptureRef[] = records.map((r) => ({
    klarna_capture_id: r.klarna_capture_id ?? null,
    medusa_capture_id: r.medusa_capture_id ?? null,
    capture_record_id: r.id,
    amount: Number(r.amount),
  }))
  const recorded = new Set(records.map((r) => r.medusa_capture_id).filter(Boolean))
  const others: MedusaCaptureRef[] = medusaCaptures
    .filter((c) => !recorded.has(c.id))
    .map((c) => {
      const klarna = data.klarna_captures?.[c.id]
      return {
        klarna_capture_id: klarna?.id ?? null,
        medusa_capture_id: c.id,
        capture_record_id: null,
        amount: klarna?.amount ?? toMinorUnits(c.raw_amount ?? c.amount, currency),
      }
    })
  return [...fromRecords, ...others]
}

function refundsOf(refunds: Money[], data: KlarnaPaymentData, currency: string): MedusaRefundRef[] {
  return refunds.map((r) => {
    const klarna = data.klarna_refunds?.[r.id]
    return {
      klarna_refund_id: klarna?.id ?? null,
      medusa_refund_id: r.id,
      amount: klarna?.amount ?? toMinorUnits(r.raw_amount ?? r.amount, currency),
    }
  })
}
