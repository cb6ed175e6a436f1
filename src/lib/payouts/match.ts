import type {
  KlarnaSettlementTransaction,
  MedusaCaptureRef,
  MedusaKlarnaOrder,
  MedusaRefundRef,
  TransactionDiscrepancy,
  TransactionMatch,
} from "./types"

const formatMinor = (minor: number) => String(minor)

const orderLabel = (order: MedusaKlarnaOrder) =>
  order.display_id !== null ? `order #${order.display_id}` : `order ${order.order_id}`

/** Klarna's capture id first; the capture's reference (the plugin sends the Medusa capture id) when Medusa lacks it. */
function findCapture(order: MedusaKlarnaOrder, tx: KlarnaSettlementTransaction): MedusaCaptureRef | undefined {
  if (tx.capture_id) {
    const byId = order.captures.find((c) => c.klarna_capture_id === tx.capture_id)
    if (byId) return byId
  }
  const reference = tx.merchant_capture_reference
  return reference ? order.captures.find((c) => !c.klarna_capture_id && c.medusa_capture_id === reference) : undefined
}

/** Klarna's refund id first; the refund's reference (the plugin sends the Medusa refund id) when Medusa lacks it. */
function findRefund(order: MedusaKlarnaOrder, tx: KlarnaSettlementTransaction): MedusaRefundRef | undefined {
  if (tx.refund_id) {
    const byId = order.refunds.find((r) => r.klarna_refund_id === tx.refund_id)
    if (byId) return byId
  }
  const reference = tx.merchant_refund_reference
  return reference ? order.refunds.find((r) => !r.klarna_refund_id && r.medusa_refund_id === reference) : undefined
}

const noMatch = (discrepancy: TransactionDiscrepancy | null): TransactionMatch => ({
  order_id: null,
  order_display_id: null,
  medusa_capture_id: null,
  medusa_refund_id: null,
  capture_record_id: null,
  discrepancy,
})

/**
 * Matches one payout transaction to Medusa: its order (by the Klarna order id), and for a SALE
 * the Medusa capture, for a RETURN the Medusa refund. A SALE or RETURN Medusa does not know, or
 * of another amount, or a transaction in another currency than its payout or order, is a
 * discrepancy; fees and the other types are matched to their order (and capture) only.
 */
export function matchTransaction(
  tx: KlarnaSettlementTransaction,
  order: MedusaKlarnaOrder | undefined,
  payoutCurrency: string
): TransactionMatch {
  const currency = (tx.currency_code ?? "").toUpperCase()
  if (currency !== payoutCurrency.toUpperCase()) {
    return {
      ...matchTransaction({ ...tx, currency_code: payoutCurrency }, order, payoutCurrency),
      discrepancy: {
        kind: "currency_mismatch",
        message: `${tx.type} of Klarna order ${tx.order_id} is in ${currency}, its payout in ${payoutCurrency.toUpperCase()}`,
      },
    }
  }
  const isSale = tx.type === "SALE"
  const isReturn = tx.type === "RETURN"
  if (!order) {
    if (!isSale && !isReturn) return noMatch(null)
    return noMatch({
      kind: "unknown_transaction",
      message: `${tx.type} of Klarna order ${tx.order_id}: no Medusa order is paid with this Klarna order`,
    })
  }
  const base: TransactionMatch = { ...noMatch(null), order_id: order.order_id, order_display_id: order.display_id }
  if (order.currency_code.toUpperCase() !== currency) {
    return {
      ...base,
      discrepancy: {
        kind: "currency_mismatch",
        message: `${tx.type} is in ${currency} but ${orderLabel(order)} is in ${order.currency_code.toUpperCase()}`,
      },
    }
  }
  const amount = Math.abs(tx.amount)
  if (isReturn) {
    const refund = findRefund(order, tx)
    if (!refund) {
      return {
        ...base,
        discrepancy: {
          kind: "unknown_transaction",
          message: `Klarna refund ${tx.refund_id || "(no id)"} of ${orderLabel(order)} is not a Medusa refund (refunded outside Medusa?)`,
        },
      }
    }
    const matched = { ...base, medusa_refund_id: refund.medusa_refund_id }
    if (refund.amount === amount) return matched
    return {
      ...matched,
      discrepancy: {
        kind: "amount_mismatch",
        message: `Klarna paid back ${formatMinor(amount)} for refund ${refund.medusa_refund_id} of ${orderLabel(order)}, Medusa refunded ${formatMinor(refund.amount)} (minor units)`,
      },
    }
  }
  const capture = tx.capture_id || tx.merchant_capture_reference ? findCapture(order, tx) : undefined
  const withCapture = capture
    ? { ...base, medusa_capture_id: capture.medusa_capture_id, capture_record_id: capture.capture_record_id }
    : base
  if (!isSale) return withCapture
  if (!capture) {
    return {
      ...base,
      discrepancy: {
        kind: "unknown_transaction",
        message: `Klarna capture ${tx.capture_id || "(no id)"} of ${orderLabel(order)} is not a Medusa capture (captured outside Medusa, e.g. in Klarna's portal?)`,
      },
    }
  }
  if (capture.amount === amount) return withCapture
  return {
    ...withCapture,
    discrepancy: {
      kind: "amount_mismatch",
      message: `Klarna paid out ${formatMinor(amount)} for capture ${tx.capture_id} of ${orderLabel(order)}, Medusa captured ${formatMinor(capture.amount)} (minor units)`,
    },
  }
}

/** A payout is reconciled when no transaction and no total has a discrepancy. */
export const payoutStatus = (transactionDiscrepancies: number, payoutDiscrepancies: number) =>
  transactionDiscrepancies === 0 && payoutDiscrepancies === 0 ? "reconciled" : "discrepancies"
