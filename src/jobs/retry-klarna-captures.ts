import type { MedusaContainer } from "@medusajs/framework/types"
import { retryKlarnaCaptures } from "../workflows/capture/retry-captures"

/**
 * The sweep and the retry: capture intents missing for shipped fulfillments are written, and
 * pending captures are tried again with the same idempotency key.
 */
export default async function retryKlarnaCapturesJob(container: MedusaContainer) {
  await retryKlarnaCaptures(container, { max_attempts: 20 })
}

// KLARNA_RETRY_JOB_SCHEDULE: another cron expression, e.g. for a test of the job itself
export const config = {
  name: "klarna-retry-captures",
  schedule: process.env.KLARNA_RETRY_JOB_SCHEDULE || "*/10 * * * *",
}
