import type { KlarnaAddress } from "../lib/klarna/types"
import { buildOrderLines } from "../lib/order-lines"
import type { KlarnaCartSnapshot } from "../providers/klarna/session-data"
import { purchaseCountry, toOrderLinesSource, type AddressLike, type CartOrOrderLike } from "./order-lines-source"

function toKlarnaAddress(address: AddressLike, email?: string | null): KlarnaAddress | undefined {
  if (!address?.country_code) return undefined
  const out: Record<string, string | null | undefined> = {
    given_name: address.first_name,
    family_name: address.last_name,
    email: email ?? undefined,
    street_address: address.address_1,
    street_address2: address.address_2,
    postal_code: address.postal_code,
    city: address.city,
    region: address.province,
    phone: address.phone,
    country: String(address.country_code).toUpperCase(),
  }
  for (const k of Object.keys(out)) if (!out[k]) delete out[k]
  return out as KlarnaAddress
}

export function buildKlarnaCartSnapshot(
  cart: CartOrOrderLike & { id: string; email?: string | null },
  productUrlBase?: string | null
): KlarnaCartSnapshot {
  const country = purchaseCountry(cart)
  if (!country) {
    throw new Error("The cart has no country yet (set a shipping address or a region with a country)")
  }
  const lines = buildOrderLines(toOrderLinesSource(cart, productUrlBase))
  return {
    cart_id: cart.id,
    purchase_country: country,
    purchase_currency: cart.currency_code.toUpperCase(),
    order_amount: lines.order_amount,
    order_tax_amount: lines.order_tax_amount,
    order_lines: lines.order_lines,
    billing_address: toKlarnaAddress(cart.billing_address, cart.email),
    shipping_address: toKlarnaAddress(cart.shipping_address, cart.email),
  }
}
