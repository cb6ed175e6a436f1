import { ArrowDownRightMini, Calendar, Envelope, ExclamationCircle, TruckFast } from "@medusajs/icons"
import { Button, Heading, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { formatDateTime } from "../../lib/dates"
import { describeFailure, klarnaRefs } from "../../lib/errors"
import { formatMinor } from "../../lib/money"
import type { CaptureRecord, KlarnaCapture, PaidOutIn } from "../../lib/types"
import { ActionMenu } from "./action-menu"
import { ShippingInfoList } from "./shipping-info-list"
import { CaptureStatusBadge } from "./status-badges"

export interface CaptureHandlers {
  onExtendDueDate: (capture: KlarnaCapture) => void
  onAddShippingInfo: (capture: KlarnaCapture) => void
  onSendOut: (capture: KlarnaCapture) => void
  onRetry: () => void
  busyCaptureId?: string
  retrying?: boolean
}

/** undefined: the server says nothing of payouts (older server) */
const payoutLabel = (payout: PaidOutIn | null | undefined) =>
  payout === undefined
    ? ""
    : payout
      ? ` · Paid out in ${payout.payment_reference} (${formatDateTime(payout.payout_date)})`
      : " · Not paid out yet"

const sourceOf = (record?: CaptureRecord) =>
  !record ? "Captured at Klarna" : record.fulfillment_id ? "Shipment" : "Manual capture"

/** Reference + status on the first line, when/how on the second; amount and actions on the right. */
const RowHead = ({
  title,
  status,
  meta,
  amount,
  actions,
}: {
  title: ReactNode
  status: string
  meta: ReactNode
  amount: ReactNode
  actions?: ReactNode
}) => (
  <div className="text-ui-fg-subtle flex items-start justify-between gap-x-3 px-6 py-4">
    <div className="flex min-w-0 flex-col gap-y-1">
      <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
        <Text size="small" leading="compact" weight="plus" className="text-ui-fg-base break-all">
          {title}
        </Text>
        <CaptureStatusBadge status={status} />
      </div>
      <Text size="small" leading="compact">
        {meta}
      </Text>
    </div>
    <div className="flex shrink-0 items-center gap-x-2">
      {amount}
      <div className="w-7">{actions}</div>
    </div>
  </div>
)

const CaptureRow = ({
  capture,
  record,
  currency,
  handlers,
  payout,
}: {
  capture: KlarnaCapture
  record?: CaptureRecord
  currency: string
  handlers: CaptureHandlers
  payout?: PaidOutIn | null
}) => (
  <div className="divide-y divide-dashed" data-testid="klarna-capture-row" data-capture-id={capture.capture_id}>
    <RowHead
      title={capture.klarna_reference || capture.capture_id}
      status="succeeded"
      meta={
        <span data-testid="klarna-capture-payout" data-payment-reference={payout?.payment_reference ?? ""}>
          {`${formatDateTime(capture.captured_at)} · ${sourceOf(record)}${payoutLabel(payout)}`}
        </span>
      }
      amount={
        <Text
          size="small"
          leading="compact"
          className="text-ui-fg-base tabular-nums"
          data-testid="klarna-capture-amount"
          data-minor={capture.captured_amount}
        >
          {formatMinor(capture.captured_amount, currency)}
        </Text>
      }
      actions={
        <ActionMenu
          label={`Actions for capture ${capture.klarna_reference || capture.capture_id}`}
          testId="klarna-capture-actions"
          busy={handlers.busyCaptureId === capture.capture_id}
          actions={[
            {
              label: "Extend due date",
              icon: <Calendar />,
              onClick: () => handlers.onExtendDueDate(capture),
              testId: "klarna-action-extend",
            },
            {
              label: "Add shipping info",
              icon: <TruckFast />,
              onClick: () => handlers.onAddShippingInfo(capture),
              testId: "klarna-action-shipping-info",
            },
            {
              label: "Re-send customer communication",
              icon: <Envelope />,
              onClick: () => handlers.onSendOut(capture),
              testId: "klarna-action-send-out",
            },
          ]}
        />
      }
    />
    {capture.shipping_info?.length || capture.refunded_amount ? (
      <div className="bg-ui-bg-subtle flex flex-col gap-y-1 px-6 py-3">
        <ShippingInfoList entries={capture.shipping_info ?? []} />
        {capture.refunded_amount ? (
          <Text size="small" leading="compact" className="text-ui-fg-subtle">
            Refunded {formatMinor(capture.refunded_amount, currency)}
          </Text>
        ) : null}
      </div>
    ) : null}
  </div>
)

/** A capture the plugin has not (yet) made at Klarna: pending, or failed with Klarna's answer. */
const UnsettledRow = ({ record, currency }: { record: CaptureRecord; currency: string }) => {
  const refs = klarnaRefs(record.last_error)
  return (
    <div
      className="divide-y divide-dashed"
      data-testid="klarna-capture-record-row"
      data-record-id={record.id}
      data-status={record.status}
    >
      <RowHead
        title={record.fulfillment_id ? "Shipment capture" : "Manual capture"}
        status={record.status}
        meta={`${formatDateTime(record.updated_at || record.created_at)} · ${record.attempts} attempt${record.attempts === 1 ? "" : "s"}`}
        amount={
          <Text size="small" leading="compact" className="text-ui-fg-base tabular-nums">
            {formatMinor(record.amount, record.currency_code || currency)}
          </Text>
        }
      />
      <div className="bg-ui-bg-subtle px-6 py-3">
        <div className="flex min-w-0 items-start gap-x-2">
          {record.status === "failed" ? (
            <ExclamationCircle className="text-ui-fg-error mt-0.5 shrink-0" />
          ) : (
            <ArrowDownRightMini className="text-ui-fg-muted mt-0.5 shrink-0" />
          )}
          <div className="min-w-0">
            <Text size="small" leading="compact" className="break-words" data-testid="klarna-capture-error">
              {record.last_error ? describeFailure(record.last_error) : "Waiting to be sent to Klarna."}
            </Text>
            {refs ? (
              <Text size="xsmall" leading="compact" className="text-ui-fg-muted break-all font-mono">
                {refs}
              </Text>
            ) : null}
          </div>
        </div>
      </div>
    </div>
  )
}

const RetryBanner = ({ count, handlers }: { count: number; handlers: CaptureHandlers }) => (
  <div className="bg-ui-bg-subtle flex flex-col gap-3 px-6 py-4 sm:flex-row sm:items-center sm:justify-between">
    <div className="flex items-center gap-x-2">
      <ArrowDownRightMini className="text-ui-fg-muted shrink-0" />
      <Text size="small" leading="compact">
        {count === 1 ? "1 capture is" : `${count} captures are`} not settled at Klarna.
      </Text>
    </div>
    <Button
      size="small"
      variant="secondary"
      className="shrink-0 self-start sm:self-auto"
      isLoading={handlers.retrying}
      onClick={handlers.onRetry}
      data-testid="klarna-retry-captures"
    >
      Retry failed captures
    </Button>
  </div>
)

export const KlarnaCaptures = ({
  captures,
  records,
  currency,
  handlers,
  payouts,
}: {
  captures: KlarnaCapture[]
  records: CaptureRecord[]
  currency: string
  handlers: CaptureHandlers
  /** capture id → the payout it was paid out in (null: not yet); absent: unknown */
  payouts?: Map<string, PaidOutIn | null>
}) => {
  const byKlarnaId = new Map(records.filter((r) => r.klarna_capture_id).map((r) => [r.klarna_capture_id!, r]))
  const unsettled = records.filter((r) => r.status !== "succeeded")
  const sorted = [...captures].sort((a, b) => (a.captured_at ?? "").localeCompare(b.captured_at ?? ""))
  return (
    <div data-testid="klarna-captures">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h3">Captures</Heading>
        <Text size="small" leading="compact" className="text-ui-fg-subtle">
          {captures.length} at Klarna{unsettled.length ? ` · ${unsettled.length} unsettled` : ""}
        </Text>
      </div>
      {!sorted.length && !unsettled.length ? (
        <div className="border-ui-border-base border-t border-dashed px-6 py-4">
          <Text size="small" leading="compact" className="text-ui-fg-subtle">
            Nothing captured yet. Captures appear here when fulfillments ship or when you capture by hand.
          </Text>
        </div>
      ) : null}
      <div className="divide-y divide-dashed border-ui-border-base border-t border-dashed">
        {sorted.map((c) => (
          <CaptureRow
            key={c.capture_id}
            capture={c}
            record={byKlarnaId.get(c.capture_id)}
            currency={currency}
            handlers={handlers}
            payout={payouts ? (payouts.get(c.capture_id) ?? null) : undefined}
          />
        ))}
        {unsettled.map((r) => (
          <UnsettledRow key={r.id} record={r} currency={currency} />
        ))}
        {unsettled.length ? <RetryBanner count={unsettled.length} handlers={handlers} /> : null}
      </div>
    </div>
  )
}
