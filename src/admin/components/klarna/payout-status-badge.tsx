import { StatusBadge } from "@medusajs/ui"
import { PAYOUT_STATUS, type PayoutStatus } from "../../lib/payouts"

export const PayoutStatusBadge = ({ status }: { status: PayoutStatus }) => {
  const s = PAYOUT_STATUS[status] ?? { label: status, color: "orange" as const }
  return (
    <StatusBadge color={s.color} data-testid="klarna-payout-status" data-status={status}>
      {s.label}
    </StatusBadge>
  )
}
