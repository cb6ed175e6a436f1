import type { MedusaContainer } from "@medusajs/framework/types"
import { retryKlarnaCapturesWorkflow } from "../workflows/retry-klarna-captures"

/** Pending and failed Klarna captures are tried again, with the same idempotency key. */
export default async function retryKlarnaCapturesJob(container: MedusaContainer) {
  await retryKlarnaCapturesWorkflow(container).run({ input: { max_attempts: 20 } })
}

export const config = { name: "klarna-retry-captures", schedule: "*/10 * * * *" }
