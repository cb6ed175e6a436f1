// The demo's storefront: one page, Medusa's JS SDK for the store API and the plugin's
// <KlarnaPayment> for the payment step (as a Next.js starter would use them).
import Medusa from "@medusajs/js-sdk"
import { useCallback, useEffect, useState } from "react"
import { createRoot } from "react-dom/client"
import { findKlarnaSession } from "../../../src/storefront"
import { KlarnaPayment } from "../../../src/storefront/react"

interface Config {
  backendUrl: string
  publishableKey: string
  klarnaSdkUrl: string
}
const config: Config = (window as any).__STOREFRONT__
const sdk = new Medusa({ baseUrl: config.backendUrl, publishableKey: config.publishableKey })
const CART_FIELDS =
  "*items,*shipping_methods,*payment_collection,*payment_collection.payment_sessions,+total,+shipping_total,+tax_total"
const KLARNA = "pp_klarna_klarna"

const money = (amount: number | undefined, currency = "sek") =>
  new Intl.NumberFormat("en-SE", { style: "currency", currency: currency.toUpperCase() }).format(Number(amount ?? 0))

const DEFAULT_ADDRESS = {
  first_name: "",
  last_name: "",
  address_1: "",
  postal_code: "",
  city: "",
  country_code: "se",
  phone: "",
}

function App() {
  const [region, setRegion] = useState<any>()
  const [products, setProducts] = useState<any[]>([])
  const [cart, setCart] = useState<any>()
  const [options, setOptions] = useState<any[]>([])
  const [email, setEmail] = useState("")
  const [address, setAddress] = useState(DEFAULT_ADDRESS)
  const [paying, setPaying] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const [order, setOrder] = useState<any>()

  useEffect(() => {
    sdk.store.region.list().then(
      async ({ regions }) => {
        setRegion(regions[0])
        const { products } = await sdk.store.product.list({
          region_id: regions[0].id,
          fields: "*variants.calculated_price",
        } as any)
        setProducts(products)
      },
      (e) => setError(e.message)
    )
  }, [])

  const run = useCallback(async (fn: () => Promise<void>) => {
    setBusy(true)
    setError(undefined)
    try {
      await fn()
    } catch (e: any) {
      setError(e.message)
    } finally {
      setBusy(false)
    }
  }, [])

  /** The cart as it is now; when paying and Medusa dropped the Klarna session (the total changed), a new one. */
  const refresh = async (cartId: string) => {
    let { cart } = await sdk.store.cart.retrieve(cartId, { fields: CART_FIELDS })
    if (paying && !findKlarnaSession(cart.payment_collection?.payment_sessions as any)) {
      await sdk.store.payment.initiatePaymentSession(cart, { provider_id: KLARNA })
      cart = (await sdk.store.cart.retrieve(cartId, { fields: CART_FIELDS })).cart
    }
    setCart(cart)
    if (cart.shipping_address?.address_1)
      setOptions((await sdk.store.fulfillment.listCartOptions({ cart_id: cartId })).shipping_options)
  }

  const add = (variantId: string) =>
    run(async () => {
      const id = cart?.id ?? (await sdk.store.cart.create({ region_id: region.id })).cart.id
      await sdk.store.cart.createLineItem(id, { variant_id: variantId, quantity: 1 })
      await refresh(id)
    })
  const setQuantity = (item: any, quantity: number) =>
    run(async () => {
      if (quantity > 0) await sdk.store.cart.updateLineItem(cart.id, item.id, { quantity })
      else await sdk.store.cart.deleteLineItem(cart.id, item.id)
      await refresh(cart.id)
    })
  const saveAddress = () =>
    run(async () => {
      await sdk.store.cart.update(cart.id, { email, shipping_address: address, billing_address: address })
      await refresh(cart.id)
    })
  const ship = (optionId: string) =>
    run(async () => {
      await sdk.store.cart.addShippingMethod(cart.id, { option_id: optionId })
      await refresh(cart.id)
    })
  const startKlarna = () =>
    run(async () => {
      await sdk.store.payment.initiatePaymentSession(cart, { provider_id: KLARNA })
      setPaying(true)
      setCart((await sdk.store.cart.retrieve(cart.id, { fields: CART_FIELDS })).cart)
    })
  const complete = async () => {
    const result = await sdk.store.cart.complete(cart.id)
    if (result.type !== "order") throw new Error(result.error?.message ?? "The order could not be placed")
    setOrder(result.order)
  }

  if (order) {
    return (
      <main>
        <section data-testid="order-confirmation" data-order-id={order.id}>
          <h1>Thank you, your order is placed</h1>
          <p>
            Order <strong data-testid="order-display-id">#{order.display_id}</strong>, total{" "}
            <strong data-testid="order-total">{money(order.total, order.currency_code)}</strong>, paid with Klarna.
          </p>
          <ul>
            {order.items.map((i: any) => (
              <li key={i.id}>
                {i.quantity} × {i.product_title ?? i.title}
              </li>
            ))}
          </ul>
        </section>
      </main>
    )
  }

  const klarnaSession = findKlarnaSession(cart?.payment_collection?.payment_sessions)
  const field = (name: keyof typeof DEFAULT_ADDRESS, label: string) => (
    <label>
      {label}
      <input name={name} value={address[name]} onChange={(e) => setAddress({ ...address, [name]: e.target.value })} />
    </label>
  )
  return (
    <main>
      <h1>Klarna demo store</h1>
      <section>
        <h2>Products</h2>
        <div className="products">
          {products.map((p) => {
            const v = p.variants[0]
            return (
              <div key={p.id} className="product">
                <strong>{p.title}</strong>
                <span>{money(v.calculated_price?.calculated_amount, region?.currency_code)}</span>
                <button data-testid={`add-${v.sku}`} disabled={busy} onClick={() => add(v.id)}>
                  Add to cart
                </button>
              </div>
            )
          })}
        </div>
      </section>
      {cart && (
        <section data-testid="cart" data-cart-id={cart.id}>
          <h2>Cart</h2>
          {cart.items.map((i: any) => (
            <div key={i.id} className="line" data-testid={`line-${i.variant_sku}`}>
              <span>{i.product_title}</span>
              <button
                data-testid={`minus-${i.variant_sku}`}
                disabled={busy}
                onClick={() => setQuantity(i, i.quantity - 1)}
              >
                −
              </button>
              <span data-testid={`qty-${i.variant_sku}`}>{i.quantity}</span>
              <button
                data-testid={`plus-${i.variant_sku}`}
                disabled={busy}
                onClick={() => setQuantity(i, i.quantity + 1)}
              >
                +
              </button>
              <span>{money(i.total, cart.currency_code)}</span>
            </div>
          ))}
          <p>
            Total <strong data-testid="cart-total">{money(cart.total, cart.currency_code)}</strong> (incl. VAT
            {cart.shipping_methods?.length ? ` and ${cart.shipping_methods[0].name}` : ""})
          </p>
        </section>
      )}
      {cart?.items?.length > 0 && (
        <section>
          <h2>Address</h2>
          <div className="form">
            <label>
              Email
              <input name="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
            </label>
            {field("first_name", "First name")}
            {field("last_name", "Last name")}
            {field("address_1", "Street")}
            {field("postal_code", "Postal code")}
            {field("city", "City")}
            {field("phone", "Phone")}
          </div>
          <button data-testid="save-address" disabled={busy} onClick={saveAddress}>
            Save address
          </button>
        </section>
      )}
      {options.length > 0 && (
        <section>
          <h2>Shipping</h2>
          {options.map((o) => (
            <label key={o.id} className="option">
              <input
                type="radio"
                name="shipping"
                data-testid={`shipping-${o.name}`}
                defaultChecked={cart.shipping_methods?.some((m: any) => m.shipping_option_id === o.id) ?? false}
                disabled={busy}
                onChange={() => ship(o.id)}
              />
              {o.name} · {money(o.amount, cart.currency_code)}
            </label>
          ))}
        </section>
      )}
      {cart?.shipping_methods?.length > 0 && (
        <section>
          <h2>Payment</h2>
          {!paying && (
            <button data-testid="pay-klarna" disabled={busy} onClick={startKlarna}>
              Continue with Klarna
            </button>
          )}
          {paying && klarnaSession && (
            <KlarnaPayment
              key={String(klarnaSession.data?.client_token)}
              session={klarnaSession}
              backendUrl={config.backendUrl}
              publishableKey={config.publishableKey}
              sdkUrl={config.klarnaSdkUrl}
              disabled={busy}
              onAuthorized={() => run(complete)}
              onError={(e) => setError(e.message)}
            />
          )}
        </section>
      )}
      {error && (
        <p role="alert" data-testid="checkout-error">
          {error}
        </p>
      )}
    </main>
  )
}

createRoot(document.getElementById("root")!).render(<App />)
