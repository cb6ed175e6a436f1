/**
 * Read at request time (the pages are dynamic), so one build runs against any store:
 * MEDUSA_BACKEND_URL, MEDUSA_PUBLISHABLE_KEY and, to use the Klarna emulator, KLARNA_SDK_URL.
 */
export interface StoreConfig {
  backendUrl: string
  publishableKey: string
  /** Klarna's Payments JS SDK; unset: Klarna's own (x.klarnacdn.net) */
  klarnaSdkUrl?: string
}

export function storeConfig(): StoreConfig {
  const backendUrl = process.env.MEDUSA_BACKEND_URL || "http://localhost:9000"
  const publishableKey = process.env.MEDUSA_PUBLISHABLE_KEY
  if (!publishableKey) throw new Error("Set MEDUSA_PUBLISHABLE_KEY to the store's publishable API key")
  return { backendUrl, publishableKey, klarnaSdkUrl: process.env.KLARNA_SDK_URL || undefined }
}
