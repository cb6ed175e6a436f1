import { mkdirSync, mkdtempSync, readFileSync } from "fs"
import os from "os"
import path from "path"
import { chromium, type Browser, type ConsoleMessage } from "playwright-core"
import { ROOT, tail } from "../../scripts/lib/processes"
import { Steps } from "./klarna-panel.e2e"
import { jsonClient, waitFor } from "./support/http"
import { createShippedKlarnaOrder } from "./support/klarna-order"
import { newOfflineContext } from "./support/offline-context"
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  adminToken,
  bootStore,
  KLARNA_PASSWORD,
  KLARNA_USERNAME,
  type RunningStore,
} from "./support/store"

/**
 * End-to-end: the "Klarna payouts" pages of the dashboard. A Klarna order ships (the plugin
 * captures), the merchant captures a little more in Klarna's portal (straight at the emulator),
 * Klarna pays out, the plugin syncs. The list shows the payout with its status badge; its page
 * lists every transaction with exactly the portal capture flagged, links to the order, and
 * exports a CSV of the payout with its matches.
 */

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
export const PAYOUTS_SCREENSHOT = path.join(ROOT, "artifacts/klarna-payouts.png")

function expectEqual(actual: unknown, expected: unknown, what: string) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
  }
}

export async function payoutsE2e(opts: {
  store: RunningStore
  browser: Browser
  steps: Steps
  consoleErrors: string[]
}) {
  const { store: s, browser, steps, consoleErrors } = opts
  const emulator = jsonClient(s.emulator.url)
  const token = await adminToken(s.medusaUrl)
  const admin = jsonClient(s.medusaUrl, () => ({ authorization: `Bearer ${token}` }))
  const klarna = jsonClient(s.emulator.url, () => ({
    authorization: `Basic ${Buffer.from(`${KLARNA_USERNAME}:${KLARNA_PASSWORD}`).toString("base64")}`,
  }))

  const order = await steps.run("place a Klarna order and ship part of it (capture at Klarna)", () =>
    createShippedKlarnaOrder({
      medusaUrl: s.medusaUrl,
      emulatorUrl: s.emulator.url,
      store: s.store,
      adminToken: token,
      log: (m) => console.log(m),
    })
  )
  const payout = await steps.run(
    "a capture in Klarna's portal, then Klarna pays out and the plugin syncs",
    async () => {
      await waitFor(
        "the plugin's capture settled",
        async () =>
          (await admin.get(`/admin/klarna/orders/${order.orderId}`)).capture_records.every(
            (r: { status: string }) => r.status === "succeeded"
          ),
        20_000
      )
      await klarna.post(`/ordermanagement/v1/orders/${order.klarnaOrderId}/captures`, { captured_amount: 500 })
      const made = await emulator.post<{ payment_reference: string }>("/__emulator/settlements/payouts", {
        currency: "SEK",
      })
      await admin.post("/admin/klarna/settlements/sync", {})
      return made
    }
  )

  const { context } = await newOfflineContext(browser, {
    viewport: { width: 1440, height: 1000 },
    locale: "en-US",
    timezoneId: "Europe/Stockholm",
  })
  const page = await context.newPage()
  page.setDefaultTimeout(30_000)
  page.on("console", (m: ConsoleMessage) => {
    if (m.type() === "error") consoleErrors.push(`${m.text()} @ ${m.location().url}`)
  })
  page.on("pageerror", (e) => consoleErrors.push(`page error: ${e.message}`))

  await steps.run("log in to the dashboard", async () => {
    await page.goto(`${s.adminUrl}/app/login`, { timeout: 90_000 })
    await page.locator('input[name="email"]').fill(ADMIN_EMAIL)
    await page.locator('input[name="password"]').fill(ADMIN_PASSWORD)
    await page.locator('button[type="submit"]').click()
    await page.waitForURL((u) => !u.pathname.endsWith("/login"), { timeout: 60_000 })
  })

  await steps.run("the sidebar's Klarna payouts page lists the payout with its status", async () => {
    await page.goto(`${s.adminUrl}/app`)
    await page.getByRole("link", { name: "Klarna payouts" }).first().click()
    await page.waitForURL((u) => u.pathname.endsWith("/klarna-payouts"))
    const row = page.locator("tr", { hasText: payout.payment_reference })
    await row.waitFor({ state: "visible", timeout: 60_000 })
    expectEqual(
      await row.locator('[data-testid="klarna-payout-status"]').getAttribute("data-status"),
      "discrepancies",
      "status badge"
    )
  })

  await steps.run(`screenshot of the payouts list → ${path.relative(ROOT, PAYOUTS_SCREENSHOT)}`, async () => {
    mkdirSync(path.dirname(PAYOUTS_SCREENSHOT), { recursive: true })
    await page.waitForTimeout(400)
    await page
      .locator('[data-testid="klarna-payouts"]')
      .screenshot({ path: PAYOUTS_SCREENSHOT, animations: "disabled" })
  })

  await steps.run("the payout's page shows every transaction, exactly the portal capture flagged", async () => {
    await page.locator("tr", { hasText: payout.payment_reference }).click()
    await page.locator('[data-testid="klarna-payout"]').waitFor({ state: "visible" })
    const { payout: api } = await admin.get(`/admin/klarna/payouts/${payout.payment_reference}`)
    const rows = page.locator('[data-testid="klarna-payout-transaction"]')
    expectEqual(await rows.count(), api.transactions.length, "transaction rows")
    const flagged = page.locator('[data-testid="klarna-payout-transaction"]:not([data-discrepancy=""])')
    expectEqual(await flagged.count(), 1, "rows with a discrepancy")
    expectEqual(await flagged.getAttribute("data-discrepancy"), "unknown_transaction", "discrepancy kind")
    expectEqual(await flagged.getAttribute("data-type"), "SALE", "flagged type")
  })

  await steps.run("Export CSV downloads the payout with its matches", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator('[data-testid="klarna-payout-csv"]').click(),
    ])
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "payout-csv-")), download.suggestedFilename())
    await download.saveAs(file)
    const lines = readFileSync(file, "utf8").trimEnd().split("\r\n")
    const { payout: api } = await admin.get(`/admin/klarna/payouts/${payout.payment_reference}`)
    expectEqual(lines.length, api.transactions.length + 1, "CSV lines (header + transactions)")
    if (!lines[0].startsWith("payment_reference,payout_date,type")) throw new Error(`CSV header: ${lines[0]}`)
    expectEqual(lines.filter((l) => l.includes("unknown_transaction")).length, 1, "CSV rows with a discrepancy")
  })

  await steps.run("a transaction's order links to the Medusa order", async () => {
    await page.locator(`a[href$="/orders/${order.orderId}"]`).first().click()
    await page.waitForURL((u) => u.pathname.endsWith(`/orders/${order.orderId}`))
  })
}

/** Run alone: `node scripts/run-ts.js integration-tests/e2e/payouts.e2e.ts` (boots its own store). */
async function main(): Promise<number> {
  const steps = new Steps()
  const cleanups: (() => Promise<unknown>)[] = []
  const consoleErrors: string[] = []
  const logDir = mkdtempSync(path.join(os.tmpdir(), "klarna-e2e-"))
  let browser: Browser | undefined
  let store: RunningStore | undefined
  try {
    store = await steps.run("boot the dev store", () => bootStore({ logDir, cleanups, log: (m) => console.log(m) }))
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
      ],
    })
    await payoutsE2e({ store, browser, steps, consoleErrors })
    await steps.run("no console errors", async () => {
      if (consoleErrors.length) throw new Error(consoleErrors.join("\n"))
    })
  } catch (e) {
    if (!steps.failed) console.log(`  ✗ ${(e as Error)?.stack ?? e}`)
    if (store) console.log(`  medusa log (${store.medusaLog}), last lines:\n${tail(store.medusaLog, 30)}`)
  } finally {
    await browser?.close().catch(() => undefined)
    for (const fn of cleanups.reverse()) await fn().catch((e) => console.error(`cleanup: ${e?.message ?? e}`))
  }
  console.log(`E2E payouts: ${steps.passed} passed, ${steps.failed} failed`)
  return steps.failed ? 1 : 0
}

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  main().then((code) => process.exit(code))
}
