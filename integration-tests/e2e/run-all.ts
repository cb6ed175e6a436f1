import { existsSync, mkdtempSync } from "fs"
import os from "os"
import path from "path"
import { chromium, type Browser } from "playwright-core"
import { tail } from "../../scripts/lib/processes"
import { main as klarnaPanelE2e, Steps } from "./klarna-panel.e2e"
import { nextStorefrontE2e, prepareNextStorefront } from "./next-storefront.e2e"
import { payoutsE2e } from "./payouts.e2e"
import { storefrontE2e } from "./storefront.e2e"
import { bootStore, type RunningStore } from "./support/store"

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { freePort } = require("../../scripts/lib/database")

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
const DEADLINE_MS = 30 * 60_000

/**
 * `npm run test:e2e`: builds the Next.js storefront example (examples/next-storefront) with the packed storefront
 * package, boots the dev store once, then the demo storefront's, the Next.js example's and the admin panel's
 * browser tests. The Next.js example's steps count apart: when they fail, the other tests still run.
 */
export async function main(): Promise<number> {
  const started = Date.now()
  const steps = new Steps()
  const nextSteps = new Steps()
  const nextConsoleErrors: string[] = []
  const cleanups: (() => Promise<unknown>)[] = []
  const consoleErrors: string[] = []
  const logDir = mkdtempSync(path.join(os.tmpdir(), "klarna-e2e-"))
  let browser: Browser | undefined
  let store: RunningStore | undefined
  let cleaned = false
  const cleanup = async () => {
    if (cleaned) return
    cleaned = true
    await browser?.close().catch(() => undefined)
    for (const fn of cleanups.reverse()) await fn().catch((e) => console.error(`cleanup: ${e?.message ?? e}`))
  }
  const deadline = setTimeout(() => {
    console.error(`e2e: over ${DEADLINE_MS / 60000} minutes, giving up`)
    void cleanup().finally(() => process.exit(1))
  }, DEADLINE_MS)
  const onSignal = (sig: NodeJS.Signals) => {
    console.error(`e2e: ${sig}, cleaning up`)
    void cleanup().finally(() => process.exit(130))
  }
  process.once("SIGINT", onSignal)
  process.once("SIGTERM", onSignal)

  let panelCode = 1
  console.log(`Klarna browser e2e: storefronts, then admin panel (logs in ${logDir})`)
  try {
    if (!existsSync(CHROMIUM))
      throw new Error(`no browser at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`)
    const nextPort: number = await freePort()
    console.log("\nNext.js storefront example: install and build")
    const nextBuilt = await prepareNextStorefront({ steps: nextSteps, logDir }).then(
      () => true,
      () => false
    )
    console.log("\nDev store")
    store = await steps.run(
      "boot the dev store (database, emulator, admin build, migrations, seed, user, medusa start)",
      () => bootStore({ logDir, cleanups, log: (m) => console.log(m), storeCors: [`http://localhost:${nextPort}`] })
    )
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
    console.log("\nStorefront")
    await storefrontE2e({ store, browser, steps, cleanups, consoleErrors })
    await steps.run("no console errors in the storefront", async () => {
      if (consoleErrors.length) throw new Error(consoleErrors.join("\n"))
    })
    console.log(`\nStorefront: ${steps.passed} passed, ${steps.failed} failed\n\nNext.js storefront example: checkout`)
    if (nextBuilt) {
      await nextStorefrontE2e({
        store,
        browser,
        steps: nextSteps,
        cleanups,
        consoleErrors: nextConsoleErrors,
        port: nextPort,
        logDir,
      })
        .then(() =>
          nextSteps.run("no console errors in the Next.js example", async () => {
            if (nextConsoleErrors.length) throw new Error(nextConsoleErrors.join("\n"))
          })
        )
        .catch(() => undefined)
    } else console.log("  (skipped: the example did not build)")
    console.log(`\nNext.js example: ${nextSteps.passed} passed, ${nextSteps.failed} failed\n\nKlarna payouts pages`)
    await payoutsE2e({ store, browser, steps, consoleErrors })
    await steps.run("no console errors on the payouts pages", async () => {
      if (consoleErrors.length) throw new Error(consoleErrors.join("\n"))
    })
    console.log(`\nStorefront and payouts: ${steps.passed} passed, ${steps.failed} failed\n\nAdmin panel`)
    panelCode = await klarnaPanelE2e({ store })
  } catch (e) {
    if (!steps.failed) console.log(`  ✗ ${(e as Error)?.stack ?? e}`)
    if (store) console.log(`  medusa log (${store.medusaLog}), last lines:\n${tail(store.medusaLog, 30)}`)
  } finally {
    clearTimeout(deadline)
    await cleanup()
  }
  console.log(
    `\nall browser e2e finished in ${((Date.now() - started) / 1000).toFixed(0)}s (storefront: ${steps.passed} passed, ${steps.failed} failed; Next.js example: ${nextSteps.passed} passed, ${nextSteps.failed} failed; panel exit ${panelCode})`
  )
  return steps.failed || nextSteps.failed || !nextSteps.passed || panelCode ? 1 : 0
}
