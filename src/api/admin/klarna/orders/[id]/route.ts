import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { getKlarnaOrderWorkflow } from "../../../../../workflows/klarna-admin"
import { withKlarnaErrors } from "../../../../utils/klarna-error-response"

/** GET /admin/klarna/orders/:id — the Klarna order, its captures, the plugin's capture records and action log. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) =>
  withKlarnaErrors(res, async () => {
    const { result } = await getKlarnaOrderWorkflow(req.scope).run({ input: { order_id: req.params.id } })
    res.json(result)
  })
