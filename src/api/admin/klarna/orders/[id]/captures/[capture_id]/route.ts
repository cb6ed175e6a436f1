import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { getKlarnaCaptureWorkflow } from "../../../../../../../workflows/klarna-admin"
import { withKlarnaErrors } from "../../../../../../utils/klarna-error-response"

/** GET /admin/klarna/orders/:id/captures/:capture_id — one Klarna capture. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) =>
  withKlarnaErrors(res, async () => {
    const { result } = await getKlarnaCaptureWorkflow(req.scope).run({
      input: { order_id: req.params.id, capture_id: req.params.capture_id },
    })
    res.json({ capture: result })
  })
