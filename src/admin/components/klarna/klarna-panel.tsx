import { ArrowPath, CurrencyDollar } from "@medusajs/icons"
import { Container, Heading, toast, usePrompt } from "@medusajs/ui"
import { useState } from "react"
import { useRetryCaptures, useTriggerSendOut } from "../../hooks/use-klarna-order"
import { errorToast } from "../../lib/errors"
import type { KlarnaCapture, KlarnaOrderResponse } from "../../lib/types"
import { ActionMenu } from "./action-menu"
import { ExtendDueDateDrawer } from "./extend-due-date-drawer"
import { KlarnaAuthorizationRefusal } from "./authorization-refusal"
import { KlarnaAmounts, KlarnaOverview } from "./klarna-overview"
import { KlarnaCaptures } from "./klarna-captures"
import { KlarnaOrderOperations } from "./klarna-order-operations"
import { ManualCaptureDrawer, type ManualCaptureOrder } from "./manual-capture-drawer"
import { ShippingInfoDrawer } from "./shipping-info-drawer"
import { KlarnaStatusBadge } from "./status-badges"

const CAPTURABLE = new Set(["AUTHORIZED", "PART_CAPTURED"])

/** The Klarna side of one order: status, amounts, expiry, captures, and the admin's Klarna actions. */
export const KlarnaPanel = ({ order, klarna }: { order: ManualCaptureOrder; klarna: KlarnaOrderResponse }) => {
  const prompt = usePrompt()
  const [extendFor, setExtendFor] = useState<KlarnaCapture | null>(null)
  const [shippingFor, setShippingFor] = useState<KlarnaCapture | null>(null)
  const [captureOpen, setCaptureOpen] = useState(false)
  const sendOut = useTriggerSendOut(order.id)
  const retry = useRetryCaptures(order.id)

  const k = klarna.klarna_order
  const currency = (order.currency_code || k.currency_code).toLowerCase()
  const unsettled = klarna.capture_records.filter((r) => r.status !== "succeeded")
  const canCapture =
    CAPTURABLE.has(k.status) &&
    k.amounts.remaining_authorized_amount.minor > 0 &&
    (!k.expires_at || new Date(k.expires_at).getTime() > Date.now())

  const onSendOut = async (capture: KlarnaCapture) => {
    const label = capture.klarna_reference || capture.capture_id
    const ok = await prompt({
      title: "Re-send the customer's payment communication?",
      description: `Klarna sends the customer the payment details (invoice or payment reminder) for capture ${label} again.`,
      confirmText: "Re-send",
      cancelText: "Cancel",
      variant: "confirmation",
    })
    if (!ok) return
    try {
      await sendOut.mutateAsync({ captureId: capture.capture_id })
      toast.success("Communication re-sent", {
        description: `Klarna sends the payment details for capture ${label} to the customer again.`,
      })
    } catch (e) {
      const t = errorToast("Re-sending the communication", e)
      toast.error(t.title, { description: t.description })
    }
  }

  const onRetry = async () => {
    const ok = await prompt({
      title: "Retry the failed captures?",
      description: `The plugin sends ${unsettled.length === 1 ? "the capture" : `the ${unsettled.length} captures`} to Klarna again, under the same idempotency key: nothing is captured twice.`,
      confirmText: "Retry",
      cancelText: "Cancel",
      variant: "confirmation",
    })
    if (!ok) return
    try {
      const { capture_records } = await retry.mutateAsync()
      const failed = capture_records.filter((r) => r.status !== "succeeded")
      if (!failed.length)
        toast.success("Captures settled", { description: `${capture_records.length} capture(s) succeeded at Klarna.` })
      else {
        const t = errorToast("Retrying captures", {
          message: `${failed.length} of ${capture_records.length} still not captured`,
          klarna: failed[0].last_error,
        })
        toast.error(t.title, { description: t.description })
      }
    } catch (e) {
      const t = errorToast("Retrying captures", e)
      toast.error(t.title, { description: t.description })
    }
  }

  const headerActions = [
    ...(canCapture
      ? [
          {
            label: "Capture items",
            icon: <CurrencyDollar />,
            onClick: () => setCaptureOpen(true),
            testId: "klarna-action-capture",
          },
        ]
      : []),
    ...(unsettled.length
      ? [{ label: "Retry failed captures", icon: <ArrowPath />, onClick: onRetry, testId: "klarna-action-retry" }]
      : []),
  ]

  return (
    <Container className="divide-y p-0" data-testid="klarna-panel" data-klarna-order-id={k.order_id}>
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <Heading level="h2">Klarna</Heading>
        <div className="flex items-center gap-x-2">
          <KlarnaStatusBadge status={k.status} />
          <ActionMenu
            label="Klarna order actions"
            testId="klarna-order-actions"
            busy={retry.isPending}
            actions={headerActions}
          />
        </div>
      </div>
      <div className="divide-y divide-dashed">
        <KlarnaOverview order={k} />
      </div>
      <KlarnaAmounts order={k} currency={currency} />
      <KlarnaAuthorizationRefusal refusal={klarna.authorization_refusal} currency={currency} />
      <KlarnaOrderOperations records={klarna.order_operations} />
      <KlarnaCaptures
        captures={klarna.captures}
        records={klarna.capture_records}
        currency={currency}
        payouts={klarna.payouts && new Map(klarna.payouts.captures.map((c) => [c.capture_id, c.payout]))}
        handlers={{
          onExtendDueDate: setExtendFor,
          onAddShippingInfo: setShippingFor,
          onSendOut,
          onRetry,
          busyCaptureId: sendOut.isPending ? sendOut.variables?.captureId : undefined,
          retrying: retry.isPending,
        }}
      />
      <ExtendDueDateDrawer
        orderId={order.id}
        capture={extendFor}
        currency={currency}
        onClose={() => setExtendFor(null)}
      />
      <ShippingInfoDrawer orderId={order.id} capture={shippingFor} onClose={() => setShippingFor(null)} />
      <ManualCaptureDrawer
        open={captureOpen}
        order={order}
        records={klarna.capture_records}
        remainingMinor={k.amounts.remaining_authorized_amount.minor}
        onClose={() => setCaptureOpen(false)}
      />
    </Container>
  )
}
