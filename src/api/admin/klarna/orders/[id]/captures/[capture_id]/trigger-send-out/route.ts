import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { triggerKlarnaSendOutWorkflow } from "../../../../../../../../workflows/klarna-admin"
import { withKlarnaErrors } from "../../../../../../../utils/klarna-error-response"
import { actorId, requestKey } from "../../../../../helpers"
import { sendActionResult } from "../action-response"

/** POST …/captures/:capture_id/trigger-send-out — Klarna re-sends the customer's payment communication. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) =>
  withKlarnaErrors(res, async () => {
    const { result } = await triggerKlarnaSendOutWorkflow(req.scope).run({
      input: {
        order_id: req.params.id,
        capture_id: req.params.capture_id,
        request_key: requestKey(req),
        actor_id: actorId(req),
      },
    })
    sendActionResult(res, result, () => ({ capture_id: req.params.capture_id, sent: true }))
  })
