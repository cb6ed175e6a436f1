import type { MoneyLike } from "../../lib/amounts"
import type { PaymentModuleRow, PaymentModuleServices } from "./payment-module-services"

/**
 * The payment's Medusa refunds before the one being sent (`refundId`, Medusa's refund id that
 * the provider gets as `context.idempotency_key`). Medusa commits the refund row before it calls
 * the provider, so they are read through the payment module's services. Undefined when the row
 * can't be read.
 */
export async function medusaRefundsBefore(
  cradle: PaymentModuleServices,
  refundId: string
): Promise<MoneyLike[] | undefined> {
  const { refundService, paymentService } = cradle
  if (!refundService?.retrieve || !paymentService?.retrieve) return undefined
  const refund = await refundService
    .retrieve(refundId, { select: ["id", "payment_id", "created_at"] })
    .catch(() => null)
  if (!refund) return undefined
  const payment = await paymentService.retrieve(refund.payment_id, { select: ["id"], relations: ["refunds"] })
  const at = (r: PaymentModuleRow) => new Date(r.created_at).getTime()
  return (payment.refunds ?? [])
    .filter((r) => r.id !== refund.id && (at(r) < at(refund) || (at(r) === at(refund) && r.id < refund.id)))
    .map((r): MoneyLike => r.raw_amount ?? r.amount)
}

/** What the admin said about a Medusa refund: its reason's label and its note (undefined when unreadable). */
export async function medusaRefundReason(
  cradle: PaymentModuleServices,
  refundId: string
): Promise<{ reason?: string | null; note?: string | null } | undefined> {
  const refund = await cradle.refundService
    ?.retrieve(refundId, { select: ["id", "note", "refund_reason.label"], relations: ["refund_reason"] })
    .catch(() => null)
  return refund ? { reason: refund.refund_reason?.label, note: refund.note } : undefined
}
