import { mkdirSync } from "fs"
import path from "path"
import type { Browser } from "playwright-core"
import { SHOPPER_ADDRESS } from "../helpers/storefront"
import type { Steps } from "./klarna-panel.e2e"
import { SHOTS } from "./storefront.e2e"
import { jsonClient } from "./support/http"
import {
  buildNextStorefront,
  installNextStorefront,
  packStorefrontPackage,
  startNextStorefront,
} from "./support/next-storefront"
import { adminToken, type RunningStore } from "./support/store"
import { newOfflineContext } from "./support/offline-context"

type Cleanup = () => Promise<unknown>

function expectEqual(actual: unknown, expected: unknown, what: string) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
  }
}

/**
 * Before the store boots: examples/next-storefront gets the packed storefront package the way a storefront
 * developer installs it, and `next build` type-checks and builds it.
 */
export async function prepareNextStorefront(opts: { steps: Steps; logDir: string }) {
  const { steps, logDir } = opts
  const tarball = await steps.run("the storefront package packs (npm pack builds it: ESM, CommonJS, types)", () =>
    packStorefrontPackage({ logDir })
  )
  await steps.run(
    "examples/next-storefront installs it from the tarball (npm ci, npm install <tarball>; no --force, no --legacy-peer-deps)",
    () => installNextStorefront({ tarball, logDir })
  )
  await steps.run("next build type-checks and builds the example (Next.js 15, React 19)", () =>
    buildNextStorefront({ logDir })
  )
}

/**
 * A shopper buys in examples/next-storefront (`next start`, server actions with Medusa's JS SDK, the
 * package's <KlarnaPayment> in the browser, the emulator's stand-in of Klarna's JS SDK): cart → Klarna's
 * widget → approve → order placed; Klarna's order carries the order's lines and total.
 */
export async function nextStorefrontE2e(opts: {
  store: RunningStore
  browser: Browser
  steps: Steps
  cleanups: Cleanup[]
  consoleErrors: string[]
  port: number
  logDir: string
}) {
  const { store: s, browser, steps } = opts
  const emulator = jsonClient(s.emulator.url)
  const token = await adminToken(s.medusaUrl)
  const admin = jsonClient(s.medusaUrl, () => ({ authorization: `Bearer ${token}` }))

  const app = await steps.run("next start serves the example against the dev store", () =>
    startNextStorefront({
      port: opts.port,
      medusaUrl: s.medusaUrl,
      publishableKey: s.store.publishable_key,
      klarnaSdkUrl: `${s.emulator.url}/kp/lib/v1/api.js`,
      logDir: opts.logDir,
    })
  )
  opts.cleanups.push(() => app.server.stop())

  const { context } = await newOfflineContext(browser, { viewport: { width: 1100, height: 900 }, locale: "en-US" })
  const page = await context.newPage()
  page.setDefaultTimeout(60_000)
  page.on("console", (m) => m.type() === "error" && opts.consoleErrors.push(`${m.text()} @ ${m.location().url}`))
  page.on("pageerror", (e) => opts.consoleErrors.push(`page error: ${e.message}`))
  mkdirSync(SHOTS, { recursive: true })
  const shot = (name: string) =>
    page.screenshot({ path: path.join(SHOTS, name), fullPage: true, animations: "disabled" })

  await steps.run("cart → address → Klarna's widget from the emulator, in the Next.js app", async () => {
    await page.goto(app.url)
    await page.locator('[data-testid="add-SCARF-GREY"]:not([disabled])').click()
    await page.locator('[data-testid="line-SCARF-GREY"]').waitFor()
    await page.locator('[data-testid="add-JACKET-M"]:not([disabled])').click()
    await page.locator('[data-testid="line-JACKET-M"]').waitFor()
    await page.locator('input[name="email"]').fill("alva@example.com")
    for (const key of ["first_name", "last_name", "address_1", "postal_code", "city", "phone"] as const) {
      await page.locator(`input[name="${key}"]`).fill(SHOPPER_ADDRESS[key])
    }
    await page.locator('[data-testid="continue-to-payment"]:not([disabled])').click()
    await page.locator('[data-testid="klarna-emulator-widget"]').waitFor()
    await page.locator('[data-testid="klarna-payment"][data-phase="ready"]').waitFor()
    await shot("next-storefront.png")
  })

  await steps.run(
    "approve in Klarna's dialog: the order is placed; Klarna's order has its lines and total",
    async () => {
      await page.locator('[data-testid="klarna-pay-button"]:not([disabled])').click()
      await page.locator('[data-testid="klarna-emulator-dialog"]').waitFor()
      await page.locator('[data-testid="klarna-emulator-approve"]').click()
      const confirmation = page.locator('[data-testid="order-confirmation"]')
      await confirmation.waitFor()
      await shot("next-storefront-confirmation.png")
      const orderId = await confirmation.getAttribute("data-order-id")
      const { order } = await admin.get(
        `/admin/orders/${orderId}?fields=id,total,items.variant_sku,items.quantity,payment_collections.payments.data,payment_collections.payments.provider_id`
      )
      const payment = order.payment_collections[0].payments[0]
      expectEqual(payment.provider_id, "pp_klarna_klarna", "the order's payment provider")
      const ko = await emulator.get(`/__emulator/orders/${payment.data.order_id}`)
      const bought = order.items.map((i: any) => `${i.variant_sku}×${Number(i.quantity)}`).sort()
      const atKlarna = ko.order_lines
        .filter((l: any) => l.type !== "shipping_fee")
        .map((l: any) => `${l.reference}×${l.quantity}`)
        .sort()
      expectEqual(atKlarna, bought, "items at Klarna")
      expectEqual(bought, ["JACKET-M×1", "SCARF-GREY×1"], "items bought in the browser")
      expectEqual(ko.order_amount, Math.round(Number(order.total) * 100), "Klarna's amount (öre) = the order's total")
    }
  )
  await context.close()
}
