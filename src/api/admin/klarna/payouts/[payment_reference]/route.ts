import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { getPayout } from "../../queries"

/** GET /admin/klarna/payouts/:payment_reference — the payout with its transactions, each matched to Medusa. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json(await getPayout(req.scope, req.params.payment_reference))
}
