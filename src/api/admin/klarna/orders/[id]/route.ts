import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { withKlarnaErrors } from "../../../../utils/klarna-error-response"
import { getKlarnaOrderDetails } from "../../queries"

/** GET /admin/klarna/orders/:id — the Klarna order, its captures, the plugin's capture records and action log. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) =>
  withKlarnaErrors(res, async () => {
    res.json(await getKlarnaOrderDetails(req.scope, req.params.id))
  })
