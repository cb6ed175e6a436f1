import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { adminRetryKlarnaCaptures } from "../../../../../../workflows/klarna-admin"
import { captureRecordView } from "../../../views"
import { withKlarnaErrors } from "../../../../../utils/klarna-error-response"
import { actorId } from "../../../helpers"

/**
 * POST /admin/klarna/orders/:id/retry-captures — derives capture records missing for shipped
 * fulfillments, then retries the order's failed or pending captures with their original
 * idempotency keys; 200 with every retried record (each with its status).
 */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) =>
  withKlarnaErrors(res, async () => {
    const records = await adminRetryKlarnaCaptures(req.scope, { order_id: req.params.id, actor_id: actorId(req) })
    res.json({ capture_records: records.map(captureRecordView) })
  })
