"use server"

import type { HttpTypes } from "@medusajs/types"
import { CART_FIELDS, medusa } from "../lib/medusa"

export interface AddressInput {
  first_name: string
  last_name: string
  address_1: string
  postal_code: string
  city: string
  country_code: string
  phone: string
}

const KLARNA_PROVIDER_ID = "pp_klarna_klarna"

export async function addToCart(cartId: string | undefined, regionId: string, variantId: string) {
  const sdk = medusa()
  const id = cartId ?? (await sdk.store.cart.create({ region_id: regionId })).cart.id
  await sdk.store.cart.createLineItem(id, { variant_id: variantId, quantity: 1 })
  return (await sdk.store.cart.retrieve(id, { fields: CART_FIELDS })).cart
}

/**
 * The checkout's address and delivery steps, then the payment step's session: the same call as the DTC
 * starter's initiatePaymentSession (src/lib/data/cart.ts), with Klarna's provider id. The session's data
 * carries Klarna's client_token for the widget.
 */
export async function startKlarnaPayment(cartId: string, email: string, address: AddressInput) {
  const sdk = medusa()
  await sdk.store.cart.update(cartId, { email, shipping_address: address, billing_address: address })
  const { shipping_options } = await sdk.store.fulfillment.listCartOptions({ cart_id: cartId })
  if (!shipping_options.length) throw new Error("No shipping option for this address")
  await sdk.store.cart.addShippingMethod(cartId, { option_id: shipping_options[0].id })
  const { cart } = await sdk.store.cart.retrieve(cartId, { fields: CART_FIELDS })
  await sdk.store.payment.initiatePaymentSession(cart, { provider_id: KLARNA_PROVIDER_ID })
  return (await sdk.store.cart.retrieve(cartId, { fields: CART_FIELDS })).cart
}

/** The DTC starter's placeOrder: POST /store/carts/:id/complete, once the plugin holds Klarna's authorization. */
export async function placeOrder(cartId: string): Promise<HttpTypes.StoreOrder> {
  const result = await medusa().store.cart.complete(cartId)
  if (result.type !== "order") throw new Error(result.error?.message ?? "The order could not be placed")
  return result.order
}
