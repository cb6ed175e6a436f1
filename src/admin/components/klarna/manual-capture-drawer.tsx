import { Alert, Button, Drawer, Input, Label, Text, toast, usePrompt } from "@medusajs/ui"
import { useEffect, useMemo, useState } from "react"
import { useManualCapture } from "../../hooks/use-klarna-order"
import { capturableItems, selectionAmount, selectionToBody, type OrderItemLike } from "../../lib/capturable"
import { describeFailure, errorToast, klarnaRefs } from "../../lib/errors"
import { randomId } from "../../lib/ids"
import { formatMajor, formatMinor } from "../../lib/money"
import type { CaptureRecord } from "../../lib/types"

export interface ManualCaptureOrder {
  id: string
  currency_code: string
  shipping_total?: number | string | null
  items?: OrderItemLike[] | null
}

/**
 * Capture by hand: choose items and quantities among those neither fulfilled nor captured yet; the
 * drawer shows the resulting amount (the server builds the exact Klarna lines).
 */
export const ManualCaptureDrawer = ({
  open,
  order,
  records,
  remainingMinor,
  onClose,
}: {
  open: boolean
  order: ManualCaptureOrder
  records: CaptureRecord[]
  remainingMinor: number
  onClose: () => void
}) => {
  const prompt = usePrompt()
  const capture = useManualCapture(order.id)
  const [selection, setSelection] = useState<Record<string, number>>({})
  const [description, setDescription] = useState("")
  // one key per opening of the drawer: a double submit or a retry of the same intent captures once
  const [intentKey, setIntentKey] = useState(randomId)

  useEffect(() => {
    if (open) {
      setSelection({})
      setDescription("")
      setIntentKey(randomId())
    }
  }, [open])

  const currency = order.currency_code
  const items = useMemo(() => capturableItems(order.items ?? [], records), [order.items, records])
  const available = items.filter((i) => i.available > 0)
  const body = selectionToBody(items, selection)
  const itemsAmount = selectionAmount(items, selection)
  const includesShipping = records.length === 0 && body.length > 0
  const shipping = includesShipping ? Number(order.shipping_total ?? 0) || 0 : 0
  const total = itemsAmount + shipping
  const descriptionTooLong = description.trim().length > 255

  const setQty = (id: string, raw: string, max: number) => {
    const n = raw === "" ? 0 : Math.floor(Number(raw))
    setSelection((s) => ({ ...s, [id]: Number.isFinite(n) ? Math.min(max, Math.max(0, n)) : 0 }))
  }

  const submit = async () => {
    if (!body.length || descriptionTooLong) return
    const amount = formatMajor(total, currency)
    const ok = await prompt({
      title: `Capture ${amount} at Klarna?`,
      description: `Klarna charges the customer for ${body.reduce((n, i) => n + i.quantity, 0)} item(s)${includesShipping ? " and shipping" : ""} now. This cannot be undone (only refunded).`,
      confirmText: "Capture",
      cancelText: "Cancel",
      variant: "confirmation",
    })
    if (!ok) return
    try {
      const { capture_record: record } = await capture.mutateAsync({
        body: { items: body, ...(description.trim() ? { description: description.trim() } : {}) },
        idempotencyKey: intentKey,
      })
      if (record.status === "succeeded") {
        toast.success("Captured", {
          description: `${formatMinor(record.amount, record.currency_code || currency)} captured at Klarna.`,
        })
        onClose()
      } else if (record.status === "pending") {
        toast.warning("Capture pending", {
          description: "Klarna did not answer yet; the plugin retries it automatically.",
        })
        onClose()
      } else {
        const refs = klarnaRefs(record.last_error)
        toast.error("Capture failed", {
          description: [describeFailure(record.last_error), refs].filter(Boolean).join(" — "),
        })
      }
    } catch (e) {
      const t = errorToast("Capture", e)
      toast.error(t.title, { description: t.description })
    }
  }

  return (
    <Drawer open={open} onOpenChange={(o) => !o && !capture.isPending && onClose()}>
      <Drawer.Content data-testid="klarna-capture-drawer">
        <Drawer.Header>
          <Drawer.Title>Capture items</Drawer.Title>
          <Drawer.Description className="txt-small text-ui-fg-subtle">
            Charge the customer now for items that were not fulfilled or captured yet.
          </Drawer.Description>
        </Drawer.Header>
        <Drawer.Body className="flex flex-1 flex-col gap-y-4 overflow-auto">
          {!available.length ? (
            <Alert variant="info">
              Every item is fulfilled or captured already: nothing is left to capture by hand.
            </Alert>
          ) : (
            <div className="divide-y divide-dashed" data-testid="klarna-capture-items">
              {available.map((item) => (
                <div
                  key={item.id}
                  className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 py-3"
                  data-testid="klarna-capture-item"
                  data-item-id={item.id}
                >
                  <div className="flex min-w-0 flex-1 items-center gap-x-3">
                    {item.thumbnail ? (
                      <img src={item.thumbnail} alt="" className="h-8 w-6 shrink-0 rounded-[4px] object-cover" />
                    ) : (
                      <div className="bg-ui-bg-component h-8 w-6 shrink-0 rounded-[4px]" />
                    )}
                    <div className="min-w-0">
                      <Text size="small" leading="compact" weight="plus" className="truncate">
                        {item.title}
                      </Text>
                      <Text size="small" leading="compact" className="text-ui-fg-subtle truncate">
                        {[
                          item.subtitle,
                          `${formatMajor(item.unit_total, currency)} each`,
                          `${item.available} of ${item.quantity} left`,
                        ]
                          .filter(Boolean)
                          .join(" · ")}
                      </Text>
                    </div>
                  </div>
                  <div className="flex items-center gap-x-2">
                    <Label htmlFor={`qty-${item.id}`} size="small" className="text-ui-fg-subtle">
                      Qty
                    </Label>
                    <Input
                      id={`qty-${item.id}`}
                      type="number"
                      size="small"
                      min={0}
                      max={item.available}
                      step={1}
                      className="w-20"
                      value={selection[item.id] ? String(selection[item.id]) : ""}
                      placeholder="0"
                      onChange={(e) => setQty(item.id, e.target.value, item.available)}
                    />
                  </div>
                </div>
              ))}
            </div>
          )}
          <div className="flex flex-col gap-y-2">
            <Label htmlFor="klarna-capture-description" size="small" weight="plus">
              Description <span className="text-ui-fg-muted font-normal">(optional)</span>
            </Label>
            <Input
              id="klarna-capture-description"
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              aria-invalid={descriptionTooLong}
            />
            {descriptionTooLong ? (
              <Text size="xsmall" className="text-ui-fg-error">
                At most 255 characters.
              </Text>
            ) : null}
          </div>
          <div className="bg-ui-bg-subtle flex flex-col gap-y-1 rounded-lg px-4 py-3">
            <div className="flex items-center justify-between">
              <Text size="small" leading="compact" className="text-ui-fg-subtle">
                Items
              </Text>
              <Text size="small" leading="compact" className="tabular-nums">
                {formatMajor(itemsAmount, currency)}
              </Text>
            </div>
            {includesShipping ? (
              <div className="flex items-center justify-between">
                <Text size="small" leading="compact" className="text-ui-fg-subtle">
                  Shipping (included in the first capture)
                </Text>
                <Text size="small" leading="compact" className="tabular-nums">
                  {formatMajor(shipping, currency)}
                </Text>
              </div>
            ) : null}
            <div className="flex items-center justify-between">
              <Text size="small" leading="compact" weight="plus">
                Amount to capture
              </Text>
              <Text
                size="small"
                leading="compact"
                weight="plus"
                className="tabular-nums"
                data-testid="klarna-capture-total"
              >
                {formatMajor(total, currency)}
              </Text>
            </div>
            <Text size="xsmall" leading="compact" className="text-ui-fg-muted">
              Still authorized at Klarna: {formatMinor(remainingMinor, currency)}
            </Text>
          </div>
        </Drawer.Body>
        <Drawer.Footer>
          <div className="flex items-center justify-end gap-x-2">
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" disabled={capture.isPending}>
                Cancel
              </Button>
            </Drawer.Close>
            <Button
              size="small"
              onClick={submit}
              disabled={!body.length || descriptionTooLong}
              isLoading={capture.isPending}
              data-testid="klarna-capture-submit"
            >
              Capture
            </Button>
          </div>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
