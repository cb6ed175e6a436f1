import type { MedusaContainer } from "@medusajs/framework/types"
import { extendKlarnaAuthorizationsWorkflow } from "../workflows/authorization/extend-klarna-authorizations"

/** Keeps authorizations of orders with unshipped items from expiring (provider option `auto_extend_authorization`). */
export default async function extendKlarnaAuthorizationsJob(container: MedusaContainer) {
  await extendKlarnaAuthorizationsWorkflow(container).run({ input: {} })
}

export const config = { name: "klarna-extend-authorizations", schedule: "0 * * * *" }
