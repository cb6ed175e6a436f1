import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { listPayouts } from "../queries"
import type { AdminKlarnaPayoutsQueryType } from "../payout-validators"

/** GET /admin/klarna/payouts — synced Klarna payouts, newest first, with their reconciliation status. */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminKlarnaPayoutsQueryType>,
  res: MedusaResponse
) => {
  res.json(await listPayouts(req.scope, req.validatedQuery as AdminKlarnaPayoutsQueryType))
}
