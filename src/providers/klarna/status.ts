import type { PaymentSessionStatus } from "@medusajs/framework/types"
import type { FraudStatus, OmOrder } from "../../lib/klarna/types"

/** Medusa session status for a Klarna order that exists. */
export function statusForFraud(fraud: FraudStatus | undefined): PaymentSessionStatus {
  if (fraud === "ACCEPTED") return "authorized" as PaymentSessionStatus
  if (fraud === "PENDING") return "pending_authorization" as PaymentSessionStatus
  return "error" as PaymentSessionStatus
}

export function statusForOrder(order: Pick<OmOrder, "status" | "fraud_status">): PaymentSessionStatus {
  switch (order.status) {
    case "CAPTURED":
      return "captured" as PaymentSessionStatus
    case "CANCELLED":
    case "EXPIRED":
    case "CLOSED":
      return "canceled" as PaymentSessionStatus
    default:
      return statusForFraud(order.fraud_status as FraudStatus)
  }
}
