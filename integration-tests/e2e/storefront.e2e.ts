import { mkdirSync } from "fs"
import path from "path"
import type { Browser, Page } from "playwright-core"
import { startStorefront } from "../../scripts/demo/storefront/server"
import { ROOT } from "../../scripts/lib/processes"
import { SHOPPER_ADDRESS } from "../helpers/storefront"
import type { Steps } from "./klarna-panel.e2e"
import { jsonClient, waitFor } from "./support/http"
import { adminToken, type RunningStore } from "./support/store"
import { newOfflineContext } from "./support/offline-context"

/**
 * End-to-end: a shopper buys in the demo storefront (Medusa's JS SDK + the plugin's <KlarnaPayment>,
 * the emulator's stand-in of Klarna's JS SDK) in Chromium: an abandoned Klarna dialog, a cart
 * changed after the Klarna session was created (same total: the KP session is updated; new total:
 * a new session), the approved purchase and its confirmation, a declined one (no order, a clear
 * message); then the warehouse ships through the admin API and Klarna has the capture.
 */
export const SHOTS = path.join(ROOT, "artifacts")

type Cleanup = () => Promise<unknown>

/** Order lines with their keys sorted: Klarna's JSON key order is not part of the comparison. */
const sortedKeys = (lines: any[]) =>
  lines.map((l) => Object.fromEntries(Object.entries(l).sort(([a], [b]) => a.localeCompare(b))))

function expectEqual(actual: unknown, expected: unknown, what: string) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
  }
}

export async function storefrontE2e(opts: {
  store: RunningStore
  browser: Browser
  steps: Steps
  cleanups: Cleanup[]
  consoleErrors: string[]
}) {
  const { store: s, browser, steps } = opts
  const emulator = jsonClient(s.emulator.url)
  const token = await adminToken(s.medusaUrl)
  const admin = jsonClient(s.medusaUrl, () => ({ authorization: `Bearer ${token}` }))
  const storeApi = jsonClient(s.medusaUrl, () => ({ "x-publishable-api-key": s.store.publishable_key }))

  const shop = await steps.run("the demo storefront is served (esbuild bundle, store API on the same origin)", () =>
    startStorefront({
      medusaUrl: s.medusaUrl,
      publishableKey: s.store.publishable_key,
      klarnaSdkUrl: `${s.emulator.url}/kp/lib/v1/api.js`,
    })
  )
  opts.cleanups.push(() => shop.close())

  const { context } = await newOfflineContext(browser, { viewport: { width: 1100, height: 1000 }, locale: "en-US" })
  const page = await context.newPage()
  page.setDefaultTimeout(30_000)
  page.on("console", (m) => m.type() === "error" && opts.consoleErrors.push(`${m.text()} @ ${m.location().url}`))
  page.on("pageerror", (e) => opts.consoleErrors.push(`page error: ${e.message}`))
  mkdirSync(SHOTS, { recursive: true })
  const shot = (name: string) =>
    page.screenshot({ path: path.join(SHOTS, name), fullPage: true, animations: "disabled" })

  const orderCount = async () => (await admin.get("/admin/orders?fields=id&limit=1")).count as number
  const cartOf = async (p: Page) => {
    const id = await p.locator('[data-testid="cart"]').getAttribute("data-cart-id")
    const { cart } = await storeApi.get(`/store/carts/${id}?fields=id,total,*payment_collection.payment_sessions`)
    return cart
  }
  const klarnaSessionOf = async (p: Page) => {
    const session = (await cartOf(p)).payment_collection.payment_sessions.find(
      (x: any) => x.provider_id === "pp_klarna_klarna"
    )
    return { session, kp: (await emulator.get(`/__emulator/sessions/${session.data.klarna_session_id}`)).data }
  }

  /** products → address → shipping → "Continue with Klarna": the widget is shown */
  const fillCheckout = async (items: Record<string, number>) => {
    await page.goto(shop.url)
    for (const [sku, quantity] of Object.entries(items)) {
      for (let i = 0; i < quantity; i++) {
        await page.locator(`[data-testid="add-${sku}"]:not([disabled])`).click()
        await page
          .locator(`[data-testid="qty-${sku}"]`)
          .filter({ hasText: String(i + 1) })
          .waitFor()
      }
    }
    await page.locator('input[name="email"]').fill("alva@example.com")
    for (const key of ["first_name", "last_name", "address_1", "postal_code", "city", "phone"] as const) {
      await page.locator(`input[name="${key}"]`).fill(SHOPPER_ADDRESS[key])
    }
    await page.locator('[data-testid="save-address"]').click()
    await page.locator('[data-testid="shipping-PostNord Home"]:not([disabled])').check()
    await page.locator('[data-testid="pay-klarna"]:not([disabled])').click()
    await page.locator('[data-testid="klarna-emulator-widget"]').waitFor()
    await page.locator('[data-testid="klarna-payment"][data-phase="ready"]').waitFor()
  }
  const openKlarnaDialog = async () => {
    await page.locator('[data-testid="klarna-pay-button"]:not([disabled])').click()
    await page.locator('[data-testid="klarna-emulator-dialog"]').waitFor()
  }

  let placedOrderId = ""
  let placedItems: { id: string; quantity: number }[] = []
  await steps.run("abandon: closing Klarna's dialog keeps the widget, says so, places no order", async () => {
    await fillCheckout({ "SCARF-GREY": 1 })
    await shot("storefront-checkout.png")
    const before = await orderCount()
    await openKlarnaDialog()
    await shot("storefront-klarna-dialog.png")
    await page.locator('[data-testid="klarna-emulator-close"]').click()
    const message = await page.locator('[data-testid="klarna-message"]').innerText()
    if (!/not completed/.test(message)) throw new Error(`abandon message: ${message}`)
    await page.locator('[data-testid="klarna-pay-button"]:not([disabled])').waitFor()
    expectEqual(await orderCount(), before, "orders after abandoning")
    const { kp } = await klarnaSessionOf(page)
    expectEqual(kp.authorization_token, undefined, "an authorization token at Klarna")
  })

  await steps.run(
    "changed cart, same total (other shipping option): the same Klarna session gets the new lines",
    async () => {
      const { session, kp } = await klarnaSessionOf(page)
      const totalBefore = (await cartOf(page)).total
      await page.locator('[data-testid="shipping-PostNord Service Point"]:not([disabled])').check()
      const after = await waitFor(
        "the KP session's shipping line",
        async () => {
          const now = await klarnaSessionOf(page)
          return (
            now.kp.order_lines.some((l: any) => l.type === "shipping_fee" && l.name === "PostNord Service Point") && now
          )
        },
        20_000
      )
      expectEqual(after.session.id, session.id, "the Medusa payment session (kept: same total)")
      expectEqual(after.kp.order_amount, kp.order_amount, "the KP session's amount")
      expectEqual((await cartOf(page)).total, totalBefore, "the cart's total")
    }
  )

  await steps.run("changed cart, new total (one more scarf): a new Klarna session, the widget shows it", async () => {
    const { session } = await klarnaSessionOf(page)
    await page.locator('[data-testid="plus-SCARF-GREY"]:not([disabled])').click()
    await page.locator('[data-testid="qty-SCARF-GREY"]').filter({ hasText: "2" }).waitFor()
    const fresh = await waitFor(
      "a new Klarna session",
      async () => {
        const now = await klarnaSessionOf(page).catch(() => undefined)
        return now && now.session.id !== session.id && now
      },
      20_000
    )
    await page.locator(`[data-testid="klarna-emulator-amount"][data-minor="${fresh.kp.order_amount}"]`).waitFor()
    expectEqual(
      fresh.kp.order_lines.find((l: any) => l.reference === "SCARF-GREY").quantity,
      2,
      "scarves in the KP session"
    )
  })

  await steps.run(
    "approve in Klarna's dialog: order confirmation; Klarna's order lines are what was bought",
    async () => {
      const { kp } = await klarnaSessionOf(page)
      await openKlarnaDialog()
      await page.locator('[data-testid="klarna-emulator-approve"]').click()
      const confirmation = page.locator('[data-testid="order-confirmation"]')
      await confirmation.waitFor()
      placedOrderId = (await confirmation.getAttribute("data-order-id"))!
      await shot("storefront-confirmation.png")
      const { order } = await admin.get(
        `/admin/orders/${placedOrderId}?fields=id,total,items.id,items.variant_sku,items.quantity,shipping_methods.name,payment_collections.payments.data`
      )
      placedItems = order.items.map((i: any) => ({ id: i.id, quantity: Number(i.quantity) }))
      const ko = await emulator.get(`/__emulator/orders/${order.payment_collections[0].payments[0].data.order_id}`)
      expectEqual(
        sortedKeys(ko.order_lines),
        sortedKeys(kp.order_lines),
        "Klarna's order lines = the KP session's lines"
      )
      const bought = order.items.map((i: any) => `${i.variant_sku}×${i.quantity}`).sort()
      const atKlarna = ko.order_lines
        .filter((l: any) => l.type !== "shipping_fee")
        .map((l: any) => `${l.reference}×${l.quantity}`)
        .sort()
      expectEqual(atKlarna, bought, "items at Klarna")
      expectEqual(
        ko.order_lines.find((l: any) => l.type === "shipping_fee").name,
        order.shipping_methods[0].name,
        "shipping line at Klarna"
      )
      expectEqual(order.shipping_methods[0].name, "PostNord Service Point", "the order's shipping")
      expectEqual(ko.order_amount, Math.round(Number(order.total) * 100), "Klarna's amount (öre) = the order's total")
    }
  )

  await steps.run("decline in Klarna's dialog: no order, a clear message, Klarna hidden", async () => {
    const before = await orderCount()
    await fillCheckout({ "JACKET-M": 1 })
    await openKlarnaDialog()
    await page.locator('[data-testid="klarna-emulator-decline"]').click()
    const message = await page.locator('[data-testid="klarna-message"]').innerText()
    if (!/could not approve/.test(message)) throw new Error(`decline message: ${message}`)
    await page.locator('[data-testid="klarna-payment"][data-phase="unavailable"]').waitFor()
    expectEqual(await page.locator('[data-testid="klarna-pay-button"]').count(), 0, "pay buttons after a decline")
    await shot("storefront-declined.png")
    expectEqual(await orderCount(), before, "orders after a decline")
    expectEqual(await page.locator('[data-testid="order-confirmation"]').count(), 0, "confirmations")
  })

  await steps.run("ship the storefront order in the admin: Klarna captures the whole order", async () => {
    const { order } = await admin.get(`/admin/orders/${placedOrderId}?fields=id,payment_collections.payments.data`)
    const items = placedItems
    const { order: fulfilled } = await admin.post(
      `/admin/orders/${placedOrderId}/fulfillments?fields=id,fulfillments.id`,
      { items }
    )
    const fulfillmentId = fulfilled.fulfillments[fulfilled.fulfillments.length - 1].id
    await admin.post(`/admin/orders/${placedOrderId}/fulfillments/${fulfillmentId}/shipments`, {
      items,
      labels: [
        {
          tracking_number: "PN-SHOP-1",
          tracking_url: "https://tracking.postnord.example/PN-SHOP-1",
          label_url: "https://labels.example/shop.pdf",
        },
      ],
    })
    const klarnaOrderId = order.payment_collections[0].payments[0].data.order_id
    const ko = await waitFor(
      "the capture at Klarna",
      async () => {
        const o = await emulator.get(`/__emulator/orders/${klarnaOrderId}`)
        return o.captures?.length && o
      },
      30_000
    )
    expectEqual(ko.status, "CAPTURED", "Klarna status")
    expectEqual(ko.captured_amount, ko.order_amount, "captured amount")
    expectEqual(ko.captures.length, 1, "captures")
  })
  await context.close()
}
