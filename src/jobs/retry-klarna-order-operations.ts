import type { MedusaContainer } from "@medusajs/framework/types"
import { retryKlarnaOrderOperationsWorkflow } from "../workflows/retry-klarna-order-operations"

/** Cancel/release of canceled orders that Klarna refused or didn't answer are tried again. */
export default async function retryKlarnaOrderOperationsJob(container: MedusaContainer) {
  await retryKlarnaOrderOperationsWorkflow(container).run({ input: { max_attempts: 20 } })
}

export const config = { name: "klarna-retry-order-operations", schedule: "*/10 * * * *" }
