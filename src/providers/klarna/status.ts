import { PaymentSessionStatus } from "@medusajs/framework/utils"
import type { FraudStatus, OmOrder } from "../../lib/klarna/types"

/** Medusa session status for a Klarna order that exists. */
export function statusForFraud(fraud: FraudStatus | undefined): PaymentSessionStatus {
  if (fraud === "ACCEPTED") return PaymentSessionStatus.AUTHORIZED
  if (fraud === "PENDING") return PaymentSessionStatus.PENDING_AUTHORIZATION
  return PaymentSessionStatus.ERROR
}

export function statusForOrder(order: Pick<OmOrder, "status" | "fraud_status">): PaymentSessionStatus {
  switch (order.status) {
    case "CAPTURED":
      return PaymentSessionStatus.CAPTURED
    case "CANCELLED":
    case "EXPIRED":
    case "CLOSED":
      return PaymentSessionStatus.CANCELED
    default:
      return statusForFraud(order.fraud_status)
  }
}
