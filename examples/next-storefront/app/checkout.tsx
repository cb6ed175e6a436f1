"use client"

import type { HttpTypes } from "@medusajs/types"
import { findKlarnaSession } from "medusa-plugin-klarna-storefront"
import { KlarnaPayment } from "medusa-plugin-klarna-storefront/react"
import { useState } from "react"
import type { StoreConfig } from "../lib/config"
import { addToCart, placeOrder, startKlarnaPayment, type AddressInput } from "./actions"

export interface Product {
  title: string
  variantId: string
  sku: string
  price: number
}

const EMPTY_ADDRESS: AddressInput = {
  first_name: "",
  last_name: "",
  address_1: "",
  postal_code: "",
  city: "",
  country_code: "se",
  phone: "",
}

const FIELDS: [keyof AddressInput, string][] = [
  ["first_name", "First name"],
  ["last_name", "Last name"],
  ["address_1", "Street"],
  ["postal_code", "Postal code"],
  ["city", "City"],
  ["phone", "Phone"],
]

export function Checkout(props: { config: StoreConfig; regionId: string; currency: string; products: Product[] }) {
  const { config } = props
  const [cart, setCart] = useState<HttpTypes.StoreCart>()
  const [order, setOrder] = useState<HttpTypes.StoreOrder>()
  const [email, setEmail] = useState("")
  const [address, setAddress] = useState(EMPTY_ADDRESS)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const money = (amount: number | undefined, currency = props.currency) =>
    new Intl.NumberFormat("en-SE", { style: "currency", currency: currency.toUpperCase() }).format(amount ?? 0)

  const run = async (step: () => Promise<void>) => {
    setBusy(true)
    setError(undefined)
    try {
      await step()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  if (order) {
    return (
      <section data-testid="order-confirmation" data-order-id={order.id}>
        <h2>Thank you, your order is placed</h2>
        <p>
          Order <strong>#{order.display_id}</strong>, total{" "}
          <strong data-testid="order-total">{money(order.total, order.currency_code)}</strong>, paid with Klarna.
        </p>
      </section>
    )
  }

  const klarnaSession = findKlarnaSession(cart?.payment_collection?.payment_sessions)
  return (
    <>
      <section>
        <h2>Products</h2>
        <div className="products">
          {props.products.map((p) => (
            <div key={p.variantId} className="product">
              <strong>{p.title}</strong>
              <span>{money(p.price)}</span>
              <button
                data-testid={`add-${p.sku}`}
                disabled={busy || !!klarnaSession}
                onClick={() => run(async () => setCart(await addToCart(cart?.id, props.regionId, p.variantId)))}
              >
                Add to cart
              </button>
            </div>
          ))}
        </div>
      </section>
      {cart && (
        <section data-testid="cart" data-cart-id={cart.id}>
          <h2>Cart</h2>
          {cart.items?.map((i) => (
            <p key={i.id} data-testid={`line-${i.variant_sku}`}>
              {i.quantity} × {i.product_title} · {money(i.total, cart.currency_code)}
            </p>
          ))}
          <p>
            Total <strong data-testid="cart-total">{money(cart.total, cart.currency_code)}</strong>
            {cart.shipping_methods?.length ? ` (incl. ${cart.shipping_methods[0].name})` : ""}
          </p>
        </section>
      )}
      {cart && !klarnaSession && (
        <section>
          <h2>Address</h2>
          <div className="form">
            <label>
              Email
              <input name="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
            </label>
            {FIELDS.map(([name, label]) => (
              <label key={name}>
                {label}
                <input
                  name={name}
                  value={address[name]}
                  onChange={(e) => setAddress({ ...address, [name]: e.target.value })}
                />
              </label>
            ))}
          </div>
          <button
            data-testid="continue-to-payment"
            disabled={busy}
            onClick={() => run(async () => setCart(await startKlarnaPayment(cart.id, email, address)))}
          >
            Continue to payment
          </button>
        </section>
      )}
      {cart && klarnaSession && (
        <section>
          <h2>Payment</h2>
          <KlarnaPayment
            key={String(klarnaSession.data?.client_token)}
            session={klarnaSession}
            backendUrl={config.backendUrl}
            publishableKey={config.publishableKey}
            sdkUrl={config.klarnaSdkUrl}
            disabled={busy}
            onAuthorized={() => run(async () => setOrder(await placeOrder(cart.id)))}
            onError={(e) => setError(e.message)}
          />
        </section>
      )}
      {error && (
        <p role="alert" data-testid="checkout-error">
          {error}
        </p>
      )}
    </>
  )
}
