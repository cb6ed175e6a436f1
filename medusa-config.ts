import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

// The dev store of this repo: it registers the plugin's Klarna payment provider and module
// straight from ./src. A real store uses the published package instead (see README).
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000",
      authCors: process.env.AUTH_CORS || "http://localhost:9000,http://localhost:8000",
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
  },
  admin: {
    disable: process.env.MEDUSA_ADMIN_DISABLE === "true",
    backendUrl: process.env.MEDUSA_BACKEND_URL || "http://localhost:9000",
  },
  modules: [
    { resolve: "./src/modules/klarna" },
    {
      resolve: "@medusajs/medusa/payment",
      options: {
        providers: [
          {
            resolve: "./src/providers/klarna",
            id: "klarna",
            // every option falls back to its KLARNA_* env var (see README)
            options: {},
          },
          // A second Klarna merchant account side by side (provider id pp_klarna_nordics), only when
          // KLARNA_SECOND_PROVIDER_USERNAME is set: the admin API's two-provider test uses it.
          ...(process.env.KLARNA_SECOND_PROVIDER_USERNAME
            ? [
                {
                  resolve: "./src/providers/klarna",
                  id: "nordics",
                  options: {
                    username: process.env.KLARNA_SECOND_PROVIDER_USERNAME,
                    password: process.env.KLARNA_SECOND_PROVIDER_PASSWORD,
                  },
                },
              ]
            : []),
        ],
      },
    },
  ],
})
