import type { KlarnaPaymentsSdk } from "./klarna-payments"

/** Klarna's Payments JS SDK. Point `url` at the Klarna emulator (`<emulator>/kp/lib/v1/api.js`) offline. */
export const KLARNA_SDK_URL = "https://x.klarnacdn.net/kp/lib/v1/api.js"

const loading = new Map<string, Promise<KlarnaPaymentsSdk>>()

/**
 * Adds Klarna's script to the page once per URL and resolves with `window.Klarna.Payments`.
 * A failed load is forgotten, so calling again retries.
 */
export function loadKlarnaSdk(options: { url?: string } = {}): Promise<KlarnaPaymentsSdk> {
  const url = options.url || KLARNA_SDK_URL
  if (typeof window === "undefined") return Promise.reject(new Error("loadKlarnaSdk runs in the browser only"))
  const existing = loading.get(url)
  if (existing) return existing
  const promise = new Promise<KlarnaPaymentsSdk>((resolve, reject) => {
    const script = document.createElement("script")
    script.src = url
    script.async = true
    script.onload = () => {
      const sdk = window.Klarna?.Payments
      if (sdk) resolve(sdk)
      else reject(new Error(`${url} loaded but did not define Klarna.Payments`))
    }
    script.onerror = () => reject(new Error(`Could not load Klarna's script from ${url}`))
    document.head.appendChild(script)
  })
  promise.catch(() => loading.delete(url))
  loading.set(url, promise)
  return promise
}
