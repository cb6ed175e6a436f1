import { StatusBadge } from "@medusajs/ui"

type Color = "green" | "red" | "blue" | "orange" | "grey" | "purple"

const ORDER_STATUS: Record<string, { label: string; color: Color }> = {
  AUTHORIZED: { label: "Authorized", color: "blue" },
  PART_CAPTURED: { label: "Partially captured", color: "orange" },
  CAPTURED: { label: "Captured", color: "green" },
  CANCELLED: { label: "Cancelled", color: "grey" },
  EXPIRED: { label: "Expired", color: "red" },
  CLOSED: { label: "Closed", color: "grey" },
}

const FRAUD_STATUS: Record<string, { label: string; color: Color }> = {
  ACCEPTED: { label: "Accepted", color: "green" },
  PENDING: { label: "Pending review", color: "orange" },
  REJECTED: { label: "Rejected", color: "red" },
}

const RECORD_STATUS: Record<string, { label: string; color: Color }> = {
  succeeded: { label: "Captured", color: "green" },
  pending: { label: "Pending", color: "orange" },
  failed: { label: "Failed", color: "red" },
  canceled: { label: "Canceled", color: "grey" },
}

const titleCase = (s: string) => s.charAt(0) + s.slice(1).toLowerCase().replace(/_/g, " ")

export const KlarnaStatusBadge = ({ status }: { status: string }) => {
  const s = ORDER_STATUS[status] ?? { label: titleCase(status), color: "grey" as Color }
  return (
    <StatusBadge color={s.color} className="text-nowrap" data-testid="klarna-status" data-status={status}>
      {s.label}
    </StatusBadge>
  )
}

export const FraudStatusBadge = ({ status }: { status: string | null }) => {
  if (!status) return null
  const s = FRAUD_STATUS[status] ?? { label: titleCase(status), color: "grey" as Color }
  return (
    <StatusBadge color={s.color} className="text-nowrap" data-testid="klarna-fraud-status" data-status={status}>
      {s.label}
    </StatusBadge>
  )
}

export const CaptureStatusBadge = ({ status }: { status: string }) => {
  const s = RECORD_STATUS[status] ?? { label: titleCase(status), color: "grey" as Color }
  return (
    <StatusBadge color={s.color} className="text-nowrap" data-testid="klarna-capture-status" data-status={status}>
      {s.label}
    </StatusBadge>
  )
}
