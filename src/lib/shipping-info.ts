import { SHIPPING_METHODS, type ShippingInfo, type ShippingMethod } from "./klarna/types"

export interface ShippingInfoSource {
  labels?: { tracking_number?: string | null; tracking_url?: string | null }[] | null
  shipping_option?: { id?: string; name?: string | null; metadata?: Record<string, unknown> | null } | null
  /** fulfillment provider id, e.g. "manual_manual" */
  provider_id?: string | null
}

export interface ShippingInfoConfig {
  /** shipping option id or name, or fulfillment provider id → carrier name */
  shipping_companies?: Record<string, string>
  default_shipping_method?: ShippingMethod
}

const clip = (s: string | null | undefined, max: number) => {
  const v = (s ?? "").trim()
  return v ? v.slice(0, max) : undefined
}

const isHttpUrl = (s: string) => /^https?:\/\/\S+$/i.test(s) && s.length <= 1024

/**
 * Klarna shipping_info for one fulfillment: one entry per label (tracking number + URL), or one
 * without tracking when there are none. Carrier: the options' mapping (by shipping option id, then
 * name, then fulfillment provider) wins over the option's `metadata.klarna_shipping_company`, then
 * the shipping option's name. Method: `metadata.klarna_shipping_method` when valid, else the default.
 */
export function buildShippingInfo(source: ShippingInfoSource, config: ShippingInfoConfig = {}): ShippingInfo[] {
  const option = source.shipping_option ?? undefined
  const mapping = config.shipping_companies ?? {}
  const company = clip(
    (option?.id && mapping[option.id]) ||
      (option?.name && mapping[option.name]) ||
      (source.provider_id && mapping[source.provider_id]) ||
      (option?.metadata?.klarna_shipping_company as string | undefined) ||
      option?.name,
    100
  )
  const metaMethod = option?.metadata?.klarna_shipping_method as ShippingMethod | undefined
  const method: ShippingMethod =
    metaMethod && (SHIPPING_METHODS as readonly string[]).includes(metaMethod)
      ? metaMethod
      : (config.default_shipping_method ?? "Home")
  const base: ShippingInfo = { shipping_method: method, ...(company ? { shipping_company: company } : {}) }
  const labels = (source.labels ?? []).filter(
    (l) => clip(l.tracking_number, 100) || (l.tracking_url && isHttpUrl(l.tracking_url))
  )
  if (!labels.length) return [base]
  return labels.slice(0, 500).map((l) => {
    const info: ShippingInfo = { ...base }
    const number = clip(l.tracking_number, 100)
    if (number) info.tracking_number = number
    if (l.tracking_url && isHttpUrl(l.tracking_url)) info.tracking_uri = l.tracking_url
    return info
  })
}
