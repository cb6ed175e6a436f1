import { createHash } from "node:crypto"
import type { KlarnaSettlementTransaction } from "./types"

/**
 * A transaction's natural identity in its payout: Klarna gives transactions no id of their own.
 * Two transactions alike in every identifying field (say two equal fixed fees of one capture) are
 * told apart by `occurrence`, their rank among such look-alikes in the payout.
 */
export function transactionIdentity(paymentReference: string, tx: KlarnaSettlementTransaction): string {
  return JSON.stringify([
    paymentReference,
    tx.type,
    tx.detailed_type ?? "",
    tx.order_id ?? "",
    tx.capture_id ?? "",
    tx.refund_id ?? "",
    tx.amount,
    (tx.currency_code ?? "").toUpperCase(),
    tx.sale_date ?? "",
    tx.capture_date ?? "",
  ])
}

/** The stored unique key: a digest of the identity and its occurrence. */
export function transactionKey(identity: string, occurrence: number): string {
  return createHash("sha256").update(`${identity}#${occurrence}`).digest("hex")
}

/** Keys for a payout's transactions as its pages stream in (remembers one counter per identity). */
export function transactionKeyer(paymentReference: string) {
  const seen = new Map<string, number>()
  return (tx: KlarnaSettlementTransaction): string => {
    const identity = transactionIdentity(paymentReference, tx)
    const occurrence = seen.get(identity) ?? 0
    seen.set(identity, occurrence + 1)
    return transactionKey(identity, occurrence)
  }
}
