import Medusa from "@medusajs/js-sdk"
import { storeConfig } from "./config"

/** Medusa's JS SDK on the server, as the DTC starter's storefront uses it (src/lib/config.ts there). */
export function medusa() {
  const { backendUrl, publishableKey } = storeConfig()
  return new Medusa({ baseUrl: backendUrl, publishableKey })
}

export const CART_FIELDS = "*items,*shipping_methods,*payment_collection.payment_sessions,+total"
