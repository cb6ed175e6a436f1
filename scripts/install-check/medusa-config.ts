import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

// The install check's store: the plugin registered exactly as the README's "Install" section says.
// The Klarna emulator comes in through KLARNA_BASE_URL (the `base_url` option's fallback).
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: "http://localhost:8000",
      adminCors: "http://localhost:9000",
      authCors: "http://localhost:9000",
      jwtSecret: "supersecret",
      cookieSecret: "supersecret",
    },
  },
  // the dashboard is not built here: the check is about the server side (install, migrate, capture)
  admin: { disable: true },
  plugins: [{ resolve: "medusa-plugin-klarna", options: {} }],
  modules: [
    {
      resolve: "@medusajs/medusa/payment",
      options: {
        providers: [
          {
            resolve: "medusa-plugin-klarna/providers/klarna",
            id: "klarna",
            options: {
              username: process.env.KLARNA_USERNAME,
              password: process.env.KLARNA_PASSWORD,
              region: "eu",
              environment: "playground",
              callback_base_url: process.env.MEDUSA_BACKEND_URL,
            },
          },
        ],
      },
    },
  ],
})
