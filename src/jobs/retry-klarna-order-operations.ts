import type { MedusaContainer } from "@medusajs/framework/types"
import { retryKlarnaOrderOperations } from "../workflows/klarna-order-cancel/retry-klarna-order-operations"

/** Cancels and releases of canceled orders that Klarna refused or never received are tried again. */
export default async function retryKlarnaOrderOperationsJob(container: MedusaContainer) {
  await retryKlarnaOrderOperations(container, { max_attempts: 20 })
}

export const config = { name: "klarna-retry-order-operations", schedule: "*/10 * * * *" }
