import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { withKlarnaErrors } from "../../../../../../utils/klarna-error-response"
import { getKlarnaOrderCapture } from "../../../../queries"

/** GET /admin/klarna/orders/:id/captures/:capture_id — one Klarna capture. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) =>
  withKlarnaErrors(res, async () => {
    const capture = await getKlarnaOrderCapture(req.scope, {
      order_id: req.params.id,
      capture_id: req.params.capture_id,
    })
    res.json({ capture })
  })
