import { Button, Drawer, Hint, Input, Label, Select, Text, toast, usePrompt } from "@medusajs/ui"
import { useEffect, useState, type FormEvent, type ReactNode } from "react"
import { useAddShippingInfo } from "../../hooks/use-klarna-order"
import { errorToast } from "../../lib/errors"
import {
  SHIPPING_LIMITS,
  SHIPPING_METHODS,
  SHIPPING_METHOD_LABELS,
  emptyShippingInfoForm,
  validateShippingInfo,
  type ShippingInfoErrors,
  type ShippingInfoForm,
} from "../../lib/shipping-info"
import type { KlarnaCapture } from "../../lib/types"

const Field = ({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string
  label: string
  hint?: string
  error?: string
  children: ReactNode
}) => (
  <div className="flex flex-col gap-y-2">
    <Label htmlFor={id} size="small" weight="plus">
      {label} <span className="text-ui-fg-muted font-normal">(optional)</span>
    </Label>
    {children}
    {error ? (
      <Hint variant="error" id={`${id}-error`}>
        {error}
      </Hint>
    ) : hint ? (
      <Hint id={`${id}-hint`}>{hint}</Hint>
    ) : null}
  </div>
)

/** Adds one shipping_info entry (carrier, method, tracking) to a capture, checked against Klarna's rules first. */
export const ShippingInfoDrawer = ({
  orderId,
  capture,
  onClose,
}: {
  orderId: string
  capture: KlarnaCapture | null
  onClose: () => void
}) => {
  const prompt = usePrompt()
  const add = useAddShippingInfo(orderId)
  const [form, setForm] = useState<ShippingInfoForm>(emptyShippingInfoForm)
  const [errors, setErrors] = useState<ShippingInfoErrors>({})
  const [submitted, setSubmitted] = useState(false)

  useEffect(() => {
    setForm(emptyShippingInfoForm())
    setErrors({})
    setSubmitted(false)
  }, [capture?.capture_id])

  const set = (key: keyof ShippingInfoForm, value: string) => {
    const next = { ...form, [key]: value }
    setForm(next)
    if (submitted) setErrors(validateShippingInfo(next).errors)
  }
  const label = capture ? capture.klarna_reference || capture.capture_id : ""

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!capture) return
    setSubmitted(true)
    const { value, errors } = validateShippingInfo(form)
    setErrors(errors)
    if (!value) return
    const ok = await prompt({
      title: "Send shipping info to Klarna?",
      description: `Klarna adds it to capture ${label} and shows it to the customer. It cannot be removed afterwards.`,
      confirmText: "Send",
      cancelText: "Cancel",
      variant: "confirmation",
    })
    if (!ok) return
    try {
      await add.mutateAsync({ captureId: capture.capture_id, shippingInfo: [value] })
      toast.success("Shipping info added", { description: `Klarna has the tracking details for capture ${label}.` })
      onClose()
    } catch (err) {
      const t = errorToast("Adding shipping info", err)
      toast.error(t.title, { description: t.description })
    }
  }

  return (
    <Drawer open={!!capture} onOpenChange={(open) => !open && !add.isPending && onClose()}>
      <Drawer.Content data-testid="klarna-shipping-info-drawer">
        <form onSubmit={submit} className="flex size-full flex-col overflow-hidden" noValidate>
          <Drawer.Header>
            <Drawer.Title>Add shipping info</Drawer.Title>
            <Drawer.Description className="txt-small text-ui-fg-subtle">
              Carrier and tracking details for capture {label}, as Klarna shows them to the customer.
            </Drawer.Description>
          </Drawer.Header>
          <Drawer.Body className="flex flex-1 flex-col gap-y-6 overflow-auto">
            <Field
              id="klarna-shipping-company"
              label="Shipping company"
              hint={`As specific as possible, e.g. "DHL US". At most ${SHIPPING_LIMITS.shipping_company} characters.`}
              error={errors.shipping_company}
            >
              <Input
                id="klarna-shipping-company"
                name="shipping_company"
                value={form.shipping_company}
                onChange={(e) => set("shipping_company", e.target.value)}
                aria-invalid={!!errors.shipping_company}
                placeholder="PostNord"
              />
            </Field>
            <Field id="klarna-shipping-method" label="Shipping method" error={errors.shipping_method}>
              <div className="flex items-center gap-x-2">
                <Select value={form.shipping_method || undefined} onValueChange={(v) => set("shipping_method", v)}>
                  <Select.Trigger
                    id="klarna-shipping-method"
                    aria-invalid={!!errors.shipping_method}
                    data-testid="klarna-shipping-method"
                  >
                    <Select.Value placeholder="Choose a method" />
                  </Select.Trigger>
                  <Select.Content>
                    {SHIPPING_METHODS.map((m) => (
                      <Select.Item key={m} value={m}>
                        {SHIPPING_METHOD_LABELS[m] ?? m}
                      </Select.Item>
                    ))}
                  </Select.Content>
                </Select>
                {form.shipping_method ? (
                  <Button type="button" size="small" variant="transparent" onClick={() => set("shipping_method", "")}>
                    Clear
                  </Button>
                ) : null}
              </div>
            </Field>
            <Field
              id="klarna-tracking-number"
              label="Tracking number"
              hint={`At most ${SHIPPING_LIMITS.tracking_number} characters.`}
              error={errors.tracking_number}
            >
              <Input
                id="klarna-tracking-number"
                name="tracking_number"
                value={form.tracking_number}
                onChange={(e) => set("tracking_number", e.target.value)}
                aria-invalid={!!errors.tracking_number}
              />
            </Field>
            <Field
              id="klarna-tracking-uri"
              label="Tracking URL"
              hint={`Where the customer can track the parcel. At most ${SHIPPING_LIMITS.tracking_uri} characters.`}
              error={errors.tracking_uri}
            >
              <Input
                id="klarna-tracking-uri"
                name="tracking_uri"
                type="url"
                value={form.tracking_uri}
                onChange={(e) => set("tracking_uri", e.target.value)}
                aria-invalid={!!errors.tracking_uri}
                placeholder="https://"
              />
            </Field>
            {errors.form ? (
              <Text size="small" leading="compact" className="text-ui-fg-error" role="alert">
                {errors.form}
              </Text>
            ) : null}
          </Drawer.Body>
          <Drawer.Footer>
            <div className="flex items-center justify-end gap-x-2">
              <Drawer.Close asChild>
                <Button type="button" size="small" variant="secondary" disabled={add.isPending}>
                  Cancel
                </Button>
              </Drawer.Close>
              <Button type="submit" size="small" isLoading={add.isPending} data-testid="klarna-shipping-info-submit">
                Send to Klarna
              </Button>
            </div>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
