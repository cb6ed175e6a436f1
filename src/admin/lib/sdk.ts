import Medusa from "@medusajs/js-sdk"

/** The dashboard's own session (cookie) is used: widgets run inside the logged-in admin. */
export const BACKEND_URL: string = import.meta.env.VITE_BACKEND_URL || "/"

export const sdk = new Medusa({
  baseUrl: BACKEND_URL,
  debug: false,
  auth: { type: "session" },
})
