import type { Browser, BrowserContext, BrowserContextOptions } from "playwright-core"

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"])
const BLANK_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"/>'

/**
 * A browser context for machines without internet (CI). Medusa's dashboard loads country flags
 * from a public CDN; offline that request fails with a console error that is nobody's bug here.
 * Every request that leaves the machine is answered locally (a blank image for images, an empty
 * body otherwise) and listed in `thirdParty`, so the pages behave the same online and offline and
 * the "no console errors" checks keep meaning the plugin's own pages and calls.
 */
export async function newOfflineContext(
  browser: Browser,
  options: BrowserContextOptions
): Promise<{ context: BrowserContext; thirdParty: string[] }> {
  const context = await browser.newContext(options)
  const thirdParty: string[] = []
  await context.route(
    (url) => (url.protocol === "http:" || url.protocol === "https:") && !LOCAL_HOSTS.has(url.hostname),
    async (route) => {
      const request = route.request()
      thirdParty.push(request.url())
      const image = request.resourceType() === "image" || /\.svg(\?|$)/.test(request.url())
      await route.fulfill(
        image
          ? { status: 200, contentType: "image/svg+xml", body: BLANK_SVG }
          : { status: 200, contentType: "text/plain", body: "" }
      )
    }
  )
  return { context, thirdParty }
}
