import type { KlarnaLineType, LineItemSource, ShippingMethodSource } from "./types"

/** Descriptive (non-money) fields of Klarna lines, within Klarna's length limits. */

export const MAX_NAME = 255
export const MAX_REFERENCE = 255
export const MAX_URL = 1024

/** Cuts to `max` UTF-16 units without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text
  let cut = text.slice(0, max)
  const last = cut.charCodeAt(cut.length - 1)
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1)
  return cut
}

function clean(text: string | null | undefined): string {
  return typeof text === "string" ? text.trim() : ""
}

export function itemReference(item: LineItemSource): string {
  return truncate(clean(item.variant_sku) || clean(item.variant_id) || item.id, MAX_REFERENCE)
}

/**
 * "Product - Variant" when both are known (Medusa's placeholder "Default variant" and a variant
 * title equal to the product title are left out), else the item title; never empty.
 */
export function itemName(item: LineItemSource): string {
  const product = clean(item.product_title)
  const variant = clean(item.variant_title)
  const showVariant = variant && variant !== product && variant.toLowerCase() !== "default variant"
  const name = product
    ? showVariant
      ? `${product} - ${variant}`
      : product
    : clean(item.title) || variant || itemReference(item) || "Item"
  return truncate(name, MAX_NAME)
}

export function itemType(item: LineItemSource): KlarnaLineType {
  return item.is_giftcard || item.requires_shipping === false ? "digital" : "physical"
}

export function shippingName(method: ShippingMethodSource): string {
  return truncate(clean(method.name) || "Shipping", MAX_NAME)
}

/** An absolute http(s) URL of at most 1024 characters, else undefined. */
export function httpUrl(candidate: string | null | undefined): string | undefined {
  const url = clean(candidate)
  if (!url || url.length > MAX_URL || !/^https?:\/\/[^\s]+$/i.test(url)) return undefined
  try {
    new URL(url)
    return url
  } catch {
    return undefined
  }
}

export function productUrl(base: string | null | undefined, handle: string | null | undefined): string | undefined {
  const b = clean(base)
  const h = clean(handle)
  if (!b || !h) return undefined
  return httpUrl(b + encodeURIComponent(h))
}
