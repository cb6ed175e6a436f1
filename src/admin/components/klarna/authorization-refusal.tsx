import { Alert } from "@medusajs/ui"
import { formatMinor } from "../../lib/money"
import type { AuthorizationRefusal } from "../../lib/types"

/** Klarna refused to raise the authorization for an order change: what is uncovered, what still is authorized. */
export const KlarnaAuthorizationRefusal = ({
  refusal,
  currency,
}: {
  refusal?: AuthorizationRefusal | null
  currency: string
}) => {
  if (!refusal) return null
  const code = refusal.klarna_error?.error_code
  return (
    <div className="px-6 py-4" data-testid="klarna-authorization-refusal">
      <Alert variant="warning">
        Klarna did not raise the authorization to {formatMinor(refusal.requested_order_amount.minor, currency)} after
        the order changed{code ? ` (${code})` : ""}. It still authorizes{" "}
        {formatMinor(refusal.authorized_order_amount.minor, currency)} (
        {formatMinor(refusal.remaining_authorized_amount.minor, currency)} left to capture);{" "}
        {formatMinor(refusal.uncovered_amount.minor, currency)} is not covered by Klarna: collect it another way.
      </Alert>
    </div>
  )
}
