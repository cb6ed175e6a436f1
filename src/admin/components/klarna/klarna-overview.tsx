import { Alert, Text, Tooltip } from "@medusajs/ui"
import { expiryState, formatDateTime } from "../../lib/dates"
import { formatMinor } from "../../lib/money"
import type { Amount, KlarnaOrderSummary } from "../../lib/types"
import { SectionRow } from "./section-row"
import { FraudStatusBadge } from "./status-badges"

const AmountRow = ({
  label,
  amount,
  currency,
  id,
  hint,
}: {
  label: string
  amount: Amount
  currency: string
  id: string
  hint?: string
}) => (
  <div className="flex items-center justify-between gap-x-4">
    <Text size="small" leading="compact" className="text-ui-fg-subtle">
      {label}
      {hint ? <span className="text-ui-fg-muted"> · {hint}</span> : null}
    </Text>
    <Text
      size="small"
      leading="compact"
      className="text-ui-fg-base tabular-nums"
      data-testid={`klarna-amount-${id}`}
      data-minor={amount.minor}
    >
      {formatMinor(amount.minor, currency)}
    </Text>
  </div>
)

/** Authorized / captured / refunded / remaining, in the order's currency. */
export const KlarnaAmounts = ({ order, currency }: { order: KlarnaOrderSummary; currency: string }) => {
  const a = order.amounts
  return (
    <div className="flex flex-col gap-y-2 px-6 py-4" data-testid="klarna-amounts">
      <AmountRow id="authorized" label="Authorized" amount={a.order_amount} currency={currency} />
      <AmountRow id="captured" label="Captured" amount={a.captured_amount} currency={currency} />
      <AmountRow id="refunded" label="Refunded" amount={a.refunded_amount} currency={currency} />
      <div className="border-ui-border-base border-t border-dashed pt-2">
        <AmountRow
          id="remaining"
          label="Remaining to capture"
          amount={a.remaining_authorized_amount}
          currency={currency}
        />
      </div>
    </div>
  )
}

const paymentMethod = (m: KlarnaOrderSummary["initial_payment_method"]) => {
  if (!m) return "-"
  const base = m.description || m.type || "-"
  return m.number_of_installments ? `${base} (${m.number_of_installments} installments)` : base
}

/** Klarna's references, payment method and the authorization's expiry (with a warning when near). */
export const KlarnaOverview = ({ order }: { order: KlarnaOrderSummary }) => {
  const expiry = expiryState(order.expires_at, order.amounts.remaining_authorized_amount.minor)
  return (
    <>
      <SectionRow
        title="Fraud check"
        value={order.fraud_status ? <FraudStatusBadge status={order.fraud_status} /> : "-"}
      />
      <SectionRow title="Klarna reference" testId="klarna-reference" value={order.klarna_reference ?? "-"} />
      <SectionRow
        title="Klarna order ID"
        testId="klarna-order-id"
        value={
          <Tooltip content={order.order_id}>
            <span className="truncate font-mono">{order.order_id}</span>
          </Tooltip>
        }
      />
      <SectionRow title="Payment method" value={paymentMethod(order.initial_payment_method)} />
      <SectionRow
        title="Authorization expires"
        testId="klarna-expires-at"
        value={
          <span className={expiry.kind === "soon" || expiry.kind === "expired" ? "text-ui-fg-error" : undefined}>
            {formatDateTime(order.expires_at)}
          </span>
        }
      />
      {expiry.kind === "soon" || expiry.kind === "expired" ? (
        <div className="px-6 py-4">
          <Alert variant={expiry.kind === "expired" ? "error" : "warning"} data-testid="klarna-expiry-warning">
            {expiry.kind === "expired"
              ? "The Klarna authorization has expired: the remaining amount can no longer be captured."
              : `The Klarna authorization expires in ${expiry.daysLeft >= 1 ? `${expiry.daysLeft} day${expiry.daysLeft === 1 ? "" : "s"}` : `${expiry.hoursLeft} hour${expiry.hoursLeft === 1 ? "" : "s"}`}: ship or capture the remaining amount before then.`}
          </Alert>
        </div>
      ) : null}
    </>
  )
}
