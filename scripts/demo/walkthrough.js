// The demo's story over HTTP: a shopper pays with Klarna, the warehouse ships in two parts (the admin
// edits the order in between: the shopper drops an item), an admin extends a due date and re-sends the invoice. Returns the facts the summary checks.
const { client } = require("./http")

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const ADDRESS = {
  first_name: "Alva",
  last_name: "Andersson",
  address_1: "Storgatan 1",
  city: "Stockholm",
  postal_code: "11122",
  country_code: "se",
  phone: "+46701234567",
}

async function waitFor(what, fn, timeoutMs = 30000) {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    const value = await fn()
    if (value) return value
    await sleep(250)
  }
  throw new Error(`timed out waiting for ${what}`)
}

async function walkthrough({ medusaUrl, emulatorUrl, seed, log }) {
  const store = client(medusaUrl, { "x-publishable-api-key": seed.publishable_key })
  const emulator = client(emulatorUrl)

  log.step(
    "Shopper fills a cart: 3 × Wool Scarf (33.33 SEK), 1 × Sticker (0.99 SEK), code KLARNA15 (−15 %), PostNord Home (49 SEK)"
  )
  const { cart } = await store.post("/store/carts", {
    region_id: seed.region_id,
    email: "alva@example.com",
    shipping_address: ADDRESS,
    billing_address: ADDRESS,
    items: [
      { variant_id: seed.variants["SCARF-GREY"], quantity: 3 },
      { variant_id: seed.variants["STICKER-1"], quantity: 1 },
    ],
  })
  await store.post(`/store/carts/${cart.id}/promotions`, { promo_codes: [seed.promo_code] })
  await store.post(`/store/carts/${cart.id}/shipping-methods`, { option_id: seed.shipping_option_id })
  const { cart: priced } = await store.get(`/store/carts/${cart.id}`)
  log.info(`cart ${cart.id}: total ${priced.total} SEK (Medusa keeps fractions of an öre)`)

  log.step(
    "Storefront opens Klarna: POST /store/payment-collections/:id/payment-sessions { provider_id: pp_klarna_klarna }"
  )
  const { payment_collection: pc } = await store.post("/store/payment-collections", { cart_id: cart.id })
  const { payment_collection: withSession } = await store.post(`/store/payment-collections/${pc.id}/payment-sessions`, {
    provider_id: "pp_klarna_klarna",
  })
  const session = withSession.payment_sessions.find((s) => s.provider_id === "pp_klarna_klarna")
  const kp = await emulator.get(`/__emulator/sessions/${session.data.klarna_session_id}`)
  log.info(
    `Klarna session ${session.data.klarna_session_id}: ${kp.data.order_lines.length} order lines, ${kp.data.order_amount} öre, client_token ${session.data.client_token.slice(0, 12)}…`
  )

  log.step("Shopper authorizes in Klarna's widget (the emulator plays Klarna)")
  const auth = await emulator.post(`/__emulator/sessions/${session.data.klarna_session_id}/authorize`, {})
  await store.post(`/store/klarna/payment-sessions/${session.id}/authorization`, {
    authorization_token: auth.authorization_token,
  })
  log.info(
    `authorization_token ${auth.authorization_token.slice(0, 12)}… handed to POST /store/klarna/payment-sessions/${session.id}/authorization`
  )

  log.step("Storefront places the order: POST /store/carts/:id/complete")
  const completed = await store.post(`/store/carts/${cart.id}/complete`)
  const order = completed.order
  log.info(`order #${order.display_id} (${order.id}), total ${order.total} SEK`)

  const { token } = await client(medusaUrl).post("/auth/user/emailpass", seed.admin)
  const admin = client(medusaUrl, { authorization: `Bearer ${token}` })
  const { order: full } = await admin.get(
    `/admin/orders/${order.id}?fields=id,total,items.id,items.quantity,items.variant_sku,payment_collections.payments.*`
  )
  const itemBySku = (sku) => full.items.find((i) => i.variant_sku === sku)
  const klarnaOrderId = full.payment_collections[0].payments[0].data.order_id

  const ship = async (items, tracking) => {
    const before = new Set(
      (await admin.get(`/admin/orders/${order.id}?fields=fulfillments.id`)).order.fulfillments.map((f) => f.id)
    )
    const { order: o } = await admin.post(`/admin/orders/${order.id}/fulfillments?fields=fulfillments.id`, { items })
    const fulfillment = o.fulfillments.find((f) => !before.has(f.id))
    await admin.post(`/admin/orders/${order.id}/fulfillments/${fulfillment.id}/shipments`, {
      items,
      labels: [
        {
          tracking_number: tracking,
          tracking_url: `https://tracking.postnord.example/${tracking}`,
          label_url: "https://labels.example/label.pdf",
        },
      ],
    })
    return fulfillment.id
  }
  const klarnaView = () => admin.get(`/admin/klarna/orders/${order.id}`)
  const settled = (n) => async () => {
    const v = await klarnaView()
    return v.capture_records.filter((r) => r.status === "succeeded").length >= n && v
  }

  log.step("Warehouse ships 2 scarves (tracking PN-1001) → the plugin captures exactly that part at Klarna")
  await ship([{ id: itemBySku("SCARF-GREY").id, quantity: 2 }], "PN-1001")
  let view = await waitFor("the first capture", settled(1))
  log.info(
    `captured ${view.klarna_order.amounts.captured_amount.major} SEK of ${view.klarna_order.amounts.order_amount.major} SEK, Klarna status ${view.klarna_order.status}`
  )

  log.step(
    "Shopper drops the sticker: the admin edits the order (Medusa order edit) → Klarna's authorization follows, same Klarna order"
  )
  const authorizedBefore = view.klarna_order.amounts.order_amount.minor
  await admin.post("/admin/order-edits", { order_id: order.id })
  await admin.post(`/admin/order-edits/${order.id}/items/item/${itemBySku("STICKER-1").id}`, { quantity: 0 })
  await admin.post(`/admin/order-edits/${order.id}/request`)
  await admin.post(`/admin/order-edits/${order.id}/confirm`)
  view = await waitFor("Klarna following the edit", async () => {
    const v = await klarnaView()
    const followed = v.klarna_order.amounts.order_amount.minor !== authorizedBefore
    return followed && v.payment_id && v.payment_id !== full.payment_collections[0].payments[0].id && v
  })
  log.info(
    `Klarna order ${view.klarna_order.order_id} now authorizes ${view.klarna_order.amounts.order_amount.major} SEK (was ${authorizedBefore / 100}); Medusa's new payment collection is paid by it`
  )

  log.step("Warehouse ships the rest (tracking PN-1002) → the last capture takes exactly what remains")
  await ship([{ id: itemBySku("SCARF-GREY").id, quantity: 1 }], "PN-1002")
  view = await waitFor("the second capture", settled(2))
  log.info(`captured ${view.klarna_order.amounts.captured_amount.major} SEK, Klarna status ${view.klarna_order.status}`)

  const first = view.captures[0]
  log.step(`Admin extends the payment due date of capture ${first.capture_id}`)
  const { extend_due_date_options: options } = await admin.get(
    `/admin/klarna/orders/${order.id}/captures/${first.capture_id}/extend-due-date-options`
  )
  const choice = options.options[0]
  await admin.post(`/admin/klarna/orders/${order.id}/captures/${first.capture_id}/extend-due-date`, {
    number_of_days: choice.number_of_days,
  })
  log.info(`extended by ${choice.number_of_days} days (merchant fee ${choice.amount} ${options.currency} minor units)`)

  log.step("Admin re-sends the customer's payment communication for that capture")
  await admin.post(`/admin/klarna/orders/${order.id}/captures/${first.capture_id}/trigger-send-out`)

  log.step("Klarna pays out the captures (net of its fees) → the plugin syncs the payout and reconciles it")
  const made = await emulator.post("/__emulator/settlements/payouts", { currency: "SEK" })
  await admin.post("/admin/klarna/settlements/sync", {})
  const { payout } = await admin.get(`/admin/klarna/payouts/${made.payment_reference}`)
  log.info(`payout ${payout.payment_reference}: ${payout.transaction_count} transactions, ${payout.status}`)

  const final = await klarnaView()
  const { order: after } = await admin.get(
    `/admin/orders/${order.id}?fields=id,total,payment_status,payment_collections.payments.captures.amount,payment_collections.payments.captured_at,payment_collections.payments.canceled_at`
  )
  const requests = await emulator.get(
    `/__emulator/requests?path_prefix=${encodeURIComponent(`/ordermanagement/v1/orders/${klarnaOrderId}`)}`
  )
  return { order, after, final, requests, klarnaOrderId, choice, payout, adminEmail: seed.admin.email }
}

module.exports = { walkthrough }
