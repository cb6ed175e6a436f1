import { randomInt } from "node:crypto"
import {
  DEFAULT_FEE_RATES,
  type FeeRates,
  type LedgerEntry,
  type LedgerTransaction,
  type PayoutRecord,
} from "./settlements-model"
import { payoutTotals, percentOf } from "./settlements-totals"
import type { Capture, Order, Refund } from "./state"

export interface ClosePayoutInput {
  merchant: string
  currency: string
  payout_date: string
  payment_reference?: string
  fees: FeeRates
  /** the emulator's orders, to read the merchant references as they are when the payout closes */
  orders: Map<string, Order>
}

const REFERENCE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

/** What Klarna settles: transactions not yet paid out, payouts with their transactions, debts. */
export class SettlementsLedger {
  /** transactions not paid out yet, oldest first */
  pending: LedgerEntry[] = []
  /** every payout by payment_reference */
  payouts = new Map<string, PayoutRecord>()
  /** key `${merchant}\n${currency}`: what the merchant owes Klarna after its last payout */
  debts = new Map<string, number>()
  /** the fees of payouts that name none */
  fees: FeeRates = { ...DEFAULT_FEE_RATES }
  private seq = 0

  /** OM capture → SALE. */
  recordSale(order: Order, capture: Capture): void {
    this.add(order.merchant, {
      ...orderFields(order),
      type: "SALE",
      detailed_type: "PURCHASE",
      amount: capture.captured_amount,
      capture_id: capture.capture_id,
      capture_date: capture.captured_at,
      ...(capture.reference !== undefined && { merchant_capture_reference: capture.reference }),
    })
  }

  /** OM refund → RETURN (Klarna gives RETURN and REVERSAL an empty capture_id). */
  recordReturn(order: Order, refund: Refund): void {
    this.add(order.merchant, {
      ...orderFields(order),
      type: "RETURN",
      detailed_type: "PURCHASE_RETURN",
      amount: refund.refunded_amount,
      capture_id: "",
      refund_id: refund.refund_id,
      capture_date: refund.refunded_at,
      ...(refund.reference !== undefined && { merchant_refund_reference: refund.reference }),
    })
  }

  add(merchant: string, transaction: LedgerTransaction): void {
    this.pending.push({ merchant, transaction })
  }

  /** The currencies `merchant` has transactions not paid out yet in. */
  pendingCurrencies(merchant: string): string[] {
    return [...new Set(this.pending.filter((e) => e.merchant === merchant).map((e) => e.transaction.currency_code))]
  }

  pendingMerchants(): string[] {
    return [...new Set(this.pending.map((e) => e.merchant))]
  }

  /**
   * Pays out every transaction of this merchant and currency not paid out yet, adding Klarna's
   * fee on each sale, and returns the payout; null when there is nothing to pay out.
   */
  close(input: ClosePayoutInput): PayoutRecord | null {
    const mine = (e: LedgerEntry) => e.merchant === input.merchant && e.transaction.currency_code === input.currency
    const taken = this.pending.filter(mine)
    if (!taken.length) return null
    this.pending = this.pending.filter((e) => !mine(e))

    const paymentReference = input.payment_reference ?? this.newReference()
    const transactions: LedgerTransaction[] = []
    for (const { transaction } of taken) {
      refreshReferences(transaction, input.orders.get(transaction.order_id), input.merchant)
      transactions.push(transaction)
      if (transaction.type === "SALE") transactions.push(...saleFees(transaction, input.fees))
    }
    for (const t of transactions) t.payment_reference = paymentReference

    const debtKey = `${input.merchant}\n${input.currency}`
    const totals = payoutTotals(transactions, this.debts.get(debtKey) ?? 0)
    this.debts.set(debtKey, totals.closing_debt_balance_amount)
    const payout: PayoutRecord = {
      merchant: input.merchant,
      payment_reference: paymentReference,
      payout_date: input.payout_date,
      currency_code: input.currency,
      totals,
      transactions,
      seq: ++this.seq,
    }
    this.payouts.set(paymentReference, payout)
    return payout
  }

  /** A merchant's payouts, newest payout date first. */
  payoutsOf(merchant: string): PayoutRecord[] {
    return [...this.payouts.values()]
      .filter((p) => p.merchant === merchant)
      .sort((a, b) => Date.parse(b.payout_date) - Date.parse(a.payout_date) || b.seq - a.seq)
  }

  reset(): void {
    this.pending = []
    this.payouts.clear()
    this.debts.clear()
    this.fees = { ...DEFAULT_FEE_RATES }
    this.seq = 0
  }

  private newReference(): string {
    for (;;) {
      let reference = ""
      for (let i = 0; i < 10; i++) reference += REFERENCE_CHARS[randomInt(REFERENCE_CHARS.length)]
      if (!this.payouts.has(reference)) return reference
    }
  }
}

/** What every transaction of an order repeats about it. */
export function orderFields(order: Order) {
  const shippingCountry = order.shipping_address?.country
  return {
    currency_code: order.purchase_currency,
    order_id: order.order_id,
    short_order_id: order.klarna_reference,
    purchase_country: order.purchase_country,
    sale_date: new Date(order.created_at).toISOString(),
    ...(typeof shippingCountry === "string" && { shipping_country: shippingCountry.toUpperCase() }),
    ...(order.merchant_reference1 !== undefined && { merchant_reference1: order.merchant_reference1 }),
    ...(order.merchant_reference2 !== undefined && { merchant_reference2: order.merchant_reference2 }),
    initial_payment_method_type: order.payment_method.type.toLowerCase(),
    ...(order.payment_method.number_of_installments > 0 && {
      initial_number_of_installments: order.payment_method.number_of_installments,
    }),
  }
}

/** The merchant references as the order carries them when the payout is made. */
function refreshReferences(transaction: LedgerTransaction, order: Order | undefined, merchant: string): void {
  if (!order || order.merchant !== merchant) return
  if (order.merchant_reference1 !== undefined) transaction.merchant_reference1 = order.merchant_reference1
  if (order.merchant_reference2 !== undefined) transaction.merchant_reference2 = order.merchant_reference2
}

/** Klarna's percentage and fixed fee on a sale (with VAT on fees as TAX, when a VAT rate is set). */
function saleFees(sale: LedgerTransaction, rates: FeeRates): LedgerTransaction[] {
  const out: LedgerTransaction[] = []
  const fee = (detailedType: string, amount: number) => {
    if (amount <= 0) return
    const vat = percentOf(amount, rates.fee_vat_rate)
    const base = { ...sale, amount }
    out.push({
      ...base,
      type: "FEE",
      detailed_type: detailedType,
      ...(rates.fee_vat_rate > 0 && { vat_rate: rates.fee_vat_rate, vat_amount: vat }),
    })
    if (vat > 0) out.push({ ...base, type: "TAX", detailed_type: undefined, amount: vat })
  }
  fee("PURCHASE_FEE_PERCENTAGE", percentOf(sale.amount, rates.fee_rate))
  fee("PURCHASE_FEE_FIXED", rates.fee_fixed)
  return out
}
