import { Text } from "@medusajs/ui"
import { describeFailure, klarnaRefs } from "../../lib/errors"
import type { OrderOperationRecord } from "../../lib/types"
import { CaptureStatusBadge } from "./status-badges"

const LABEL: Record<string, string> = {
  cancel: "Cancel the Klarna order",
  release: "Release the remaining authorization",
  none: "Nothing left to release",
}

const isReferences = (r: OrderOperationRecord) => r.reason === "merchant-references"

const title = (r: OrderOperationRecord) =>
  isReferences(r)
    ? "Order number at Klarna (merchant references)"
    : r.reason === "fulfillment-canceled"
      ? "Fulfillment canceled after its capture: refund at Klarna"
      : `Order canceled: ${LABEL[r.operation ?? ""] ?? "Cancel or release at Klarna"}`

/**
 * What the plugin did (or still tries to do) at Klarna when the order was canceled in Medusa, and
 * the order number sent to Klarna when it was placed (shown only until it got there).
 */
export const KlarnaOrderOperations = ({ records }: { records?: OrderOperationRecord[] }) => {
  const shown = (records ?? []).filter((r) => !(isReferences(r) && r.status === "succeeded"))
  if (!shown.length) return null
  return (
    <div className="divide-y divide-dashed" data-testid="klarna-order-operations">
      {shown.map((r) => (
        <div
          key={r.id}
          className="flex flex-col gap-1 px-6 py-4"
          data-testid="klarna-order-operation"
          data-status={r.status}
        >
          <div className="flex items-center justify-between gap-x-4">
            <Text size="small" weight="plus" leading="compact">
              {title(r)}
            </Text>
            <CaptureStatusBadge status={r.status} />
          </div>
          {r.status !== "succeeded" && (
            <Text size="small" leading="compact" className="text-ui-fg-subtle">
              {r.last_error ? describeFailure(r.last_error) : "Waiting to be sent to Klarna."} Retried automatically
              {r.attempts ? ` (${r.attempts} attempt${r.attempts === 1 ? "" : "s"} so far)` : ""}.
              {klarnaRefs(r.last_error) ? ` ${klarnaRefs(r.last_error)}` : ""}
            </Text>
          )}
        </div>
      ))}
    </div>
  )
}
