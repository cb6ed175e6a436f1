import { SHIPPING_METHODS } from "../../lib/klarna/types"
import type { ShippingInfo } from "./types"

export { SHIPPING_METHODS }

export const SHIPPING_METHOD_LABELS: Record<string, string> = {
  PickUpStore: "Pick up in store",
  Home: "Home delivery",
  BoxReg: "Parcel box (registered)",
  BoxUnreg: "Parcel box (unregistered)",
  PickUpPoint: "Pick-up point",
  Own: "Own delivery",
  Postal: "Postal",
  DHLPackstation: "DHL Packstation",
  Digital: "Digital",
  Undefined: "Undefined",
  PickUpWarehouse: "Pick up at warehouse",
  ClickCollect: "Click & collect",
  PalletDelivery: "Pallet delivery",
}

export const SHIPPING_LIMITS = { shipping_company: 100, tracking_number: 100, tracking_uri: 1024 } as const

export interface ShippingInfoForm {
  shipping_company: string
  shipping_method: string
  tracking_number: string
  tracking_uri: string
}

export type ShippingInfoErrors = Partial<Record<keyof ShippingInfoForm | "form", string>>

export const emptyShippingInfoForm = (): ShippingInfoForm => ({
  shipping_company: "",
  shipping_method: "",
  tracking_number: "",
  tracking_uri: "",
})

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return (url.protocol === "http:" || url.protocol === "https:") && !!url.hostname
  } catch {
    return false
  }
}

/**
 * Klarna's rules for one shipping_info entry, checked before anything is sent: blank fields are
 * left out, at least one field is needed, company and tracking number ≤ 100 characters, the
 * tracking URI an http(s) URL ≤ 1024 characters, the method one of Klarna's values.
 */
export function validateShippingInfo(form: ShippingInfoForm): { value?: ShippingInfo; errors: ShippingInfoErrors } {
  const errors: ShippingInfoErrors = {}
  const company = form.shipping_company.trim()
  const method = form.shipping_method.trim()
  const number = form.tracking_number.trim()
  const uri = form.tracking_uri.trim()

  if (company.length > SHIPPING_LIMITS.shipping_company) {
    errors.shipping_company = `At most ${SHIPPING_LIMITS.shipping_company} characters (now ${company.length})`
  }
  if (method && !(SHIPPING_METHODS as readonly string[]).includes(method)) {
    errors.shipping_method = "Choose one of Klarna's shipping methods"
  }
  if (number.length > SHIPPING_LIMITS.tracking_number) {
    errors.tracking_number = `At most ${SHIPPING_LIMITS.tracking_number} characters (now ${number.length})`
  }
  if (uri.length > SHIPPING_LIMITS.tracking_uri) {
    errors.tracking_uri = `At most ${SHIPPING_LIMITS.tracking_uri} characters (now ${uri.length})`
  } else if (uri && !isHttpUrl(uri)) {
    errors.tracking_uri = "Must be a full http(s) URL, e.g. https://tracking.example.com/123"
  }
  if (!company && !method && !number && !uri) {
    errors.form = "Fill in at least one field"
  }
  if (Object.keys(errors).length) return { errors }

  const value: ShippingInfo = {}
  if (company) value.shipping_company = company
  if (method) value.shipping_method = method
  if (number) value.tracking_number = number
  if (uri) value.tracking_uri = uri
  return { value, errors }
}

/** A tracking link is only rendered as a link when it is an http(s) URL (never javascript: etc.). */
export function safeTrackingUrl(uri: string | null | undefined): string | undefined {
  return uri && isHttpUrl(uri) ? uri : undefined
}
