import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { withKlarnaErrors } from "../../../../utils/klarna-error-response"
import { syncKlarnaSettlementsWorkflow } from "../../../../../workflows/settlements/sync-klarna-settlements"
import type { AdminKlarnaSettlementsSyncType } from "../../payout-validators"

/** POST /admin/klarna/settlements/sync — pulls new payouts of every Klarna account now (as the hourly job does). */
export const POST = async (req: AuthenticatedMedusaRequest<AdminKlarnaSettlementsSyncType>, res: MedusaResponse) =>
  withKlarnaErrors(res, async () => {
    const { result } = await syncKlarnaSettlementsWorkflow(req.scope).run({
      input: { provider_ids: req.validatedBody.provider_ids },
    })
    res.json({ accounts: result })
  })
