import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

const redisUrl = process.env.REDIS_URL

// Production (REDIS_URL set): Medusa's Redis modules, so that a server and several workers share
// events, workflow state, locks and cache. Without it, Medusa's in-memory defaults (one process).
const redisModules = redisUrl
  ? [
      { resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl } },
      { resolve: "@medusajs/medusa/workflow-engine-redis", options: { redis: { redisUrl } } },
      { resolve: "@medusajs/medusa/cache-redis", options: { redisUrl } },
      {
        resolve: "@medusajs/medusa/locking",
        options: {
          // Redis locks expire: a crashed holder never blocks an order for good (see README)
          providers: [
            { resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true, options: { redisUrl } },
          ],
        },
      },
    ]
  : []

const WORKER_MODES = ["shared", "server", "worker"] as const
type WorkerMode = (typeof WORKER_MODES)[number]
const workerMode = (process.env.MEDUSA_WORKER_MODE || "shared") as WorkerMode
if (!WORKER_MODES.includes(workerMode)) {
  throw new Error(
    `MEDUSA_WORKER_MODE must be one of ${WORKER_MODES.join(", ")} (got "${process.env.MEDUSA_WORKER_MODE}")`
  )
}

// The dev store of this repo: it registers the plugin's Klarna payment provider and module
// straight from ./src. A real store uses the published package instead (see README).
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    ...(redisUrl ? { redisUrl } : {}),
    workerMode,
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
    // "/" = the dashboard calls the origin it was served from, whatever PORT the store runs on
    backendUrl: process.env.MEDUSA_BACKEND_URL || "/",
  },
  modules: [
    ...redisModules,
    { resolve: "./src/modules/klarna" },
    {
      resolve: "@medusajs/medusa/payment",
      options: {
        providers: [
          {
            resolve: "./src/providers/klarna",
            id: "klarna",
            // every option falls back to its KLARNA_* env var (see README); KLARNA_TIMEOUT_MS is the
            // dev store's own knob (the chaos suite shortens Klarna's timeout with it)
            options: process.env.KLARNA_TIMEOUT_MS ? { timeout_ms: Number(process.env.KLARNA_TIMEOUT_MS) } : {},
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
