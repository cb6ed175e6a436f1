import { Alert, Button, Drawer, RadioGroup, Skeleton, Text, toast, usePrompt } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { useExtendDueDate, useExtendDueDateOptions } from "../../hooks/use-klarna-order"
import { errorToast, klarnaRefs } from "../../lib/errors"
import { klarnaDetailsOf } from "../../lib/klarna-api"
import { formatMinor } from "../../lib/money"
import type { KlarnaCapture } from "../../lib/types"

const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`

/** Lists the extensions Klarna offers for one capture (with the merchant's fee) and applies the chosen one. */
export const ExtendDueDateDrawer = ({
  orderId,
  capture,
  currency,
  onClose,
}: {
  orderId: string
  capture: KlarnaCapture | null
  currency: string
  onClose: () => void
}) => {
  const prompt = usePrompt()
  const [choice, setChoice] = useState<string>("")
  const options = useExtendDueDateOptions(orderId, capture?.capture_id)
  const extend = useExtendDueDate(orderId)

  useEffect(() => setChoice(""), [capture?.capture_id])

  const list = options.data?.extend_due_date_options.options ?? []
  const feeCurrency = options.data?.extend_due_date_options.currency || currency
  const chosen = list.find((o) => String(o.number_of_days) === choice)
  const label = capture ? capture.klarna_reference || capture.capture_id : ""

  const submit = async () => {
    if (!capture || !chosen) return
    const fee = formatMinor(chosen.amount, feeCurrency)
    const ok = await prompt({
      title: `Extend the due date by ${days(chosen.number_of_days)}?`,
      description: `The customer gets ${days(chosen.number_of_days)} more to pay capture ${label}. Klarna charges you a fee of ${fee}.`,
      confirmText: "Extend due date",
      cancelText: "Cancel",
      variant: "confirmation",
    })
    if (!ok) return
    try {
      await extend.mutateAsync({ captureId: capture.capture_id, numberOfDays: chosen.number_of_days })
      toast.success("Due date extended", {
        description: `Capture ${label}: ${days(chosen.number_of_days)} more to pay (fee ${fee}).`,
      })
      onClose()
    } catch (e) {
      const t = errorToast("Extending the due date", e)
      toast.error(t.title, { description: t.description })
    }
  }

  return (
    <Drawer open={!!capture} onOpenChange={(open) => !open && !extend.isPending && onClose()}>
      <Drawer.Content data-testid="klarna-extend-drawer">
        <Drawer.Header>
          <Drawer.Title>Extend due date</Drawer.Title>
          <Drawer.Description className="txt-small text-ui-fg-subtle">
            Give the customer more time to pay capture {label}. Klarna charges you the fee shown.
          </Drawer.Description>
        </Drawer.Header>
        <Drawer.Body className="flex flex-1 flex-col gap-y-4 overflow-auto">
          {options.isLoading ? (
            <div className="flex flex-col gap-y-2">
              <Skeleton className="h-14 w-full" />
              <Skeleton className="h-14 w-full" />
            </div>
          ) : options.isError ? (
            <Alert variant="error">
              Klarna's options could not be loaded: {(options.error as Error)?.message}
              {klarnaRefs(klarnaDetailsOf(options.error)) ? ` (${klarnaRefs(klarnaDetailsOf(options.error))})` : ""}
            </Alert>
          ) : !list.length ? (
            <Alert variant="info">Klarna offers no due date extension for this capture.</Alert>
          ) : (
            <RadioGroup
              value={choice}
              onValueChange={setChoice}
              className="flex flex-col gap-y-2"
              aria-label="Extension"
              data-testid="klarna-extend-options"
            >
              {list.map((o) => (
                <RadioGroup.ChoiceBox
                  key={o.number_of_days}
                  value={String(o.number_of_days)}
                  label={`${days(o.number_of_days)} more`}
                  description={`Fee: ${formatMinor(o.amount, feeCurrency)}`}
                  data-testid={`klarna-extend-option-${o.number_of_days}`}
                />
              ))}
            </RadioGroup>
          )}
          {chosen ? (
            <Text size="small" leading="compact" className="text-ui-fg-subtle">
              You pay {formatMinor(chosen.amount, feeCurrency)} for {days(chosen.number_of_days)}.
            </Text>
          ) : null}
        </Drawer.Body>
        <Drawer.Footer>
          <div className="flex items-center justify-end gap-x-2">
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" disabled={extend.isPending}>
                Cancel
              </Button>
            </Drawer.Close>
            <Button
              size="small"
              onClick={submit}
              disabled={!chosen}
              isLoading={extend.isPending}
              data-testid="klarna-extend-submit"
            >
              Extend due date
            </Button>
          </div>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
