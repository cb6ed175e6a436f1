import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { withKlarnaErrors } from "../../../../../../../utils/klarna-error-response"
import { getKlarnaExtendDueDateOptions } from "../../../../../queries"

/** GET …/captures/:capture_id/extend-due-date-options — the extensions Klarna offers and their fees. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) =>
  withKlarnaErrors(res, async () => {
    const result = await getKlarnaExtendDueDateOptions(req.scope, {
      order_id: req.params.id,
      capture_id: req.params.capture_id,
    })
    res.json({ extend_due_date_options: { currency: result.currency ?? null, options: result.options ?? [] } })
  })
