import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { extendKlarnaDueDateWorkflow } from "../../../../../../../../workflows/klarna-admin"
import { withKlarnaErrors } from "../../../../../../../utils/klarna-error-response"
import { actorId, requestKey } from "../../../../../helpers"
import type { AdminKlarnaExtendDueDateType } from "../../../../../validators"
import { sendActionResult } from "../action-response"

/**
 * POST …/captures/:capture_id/extend-due-date `{ number_of_days }` — Klarna decides whether the
 * number of days is one it offers; its refusal reaches the caller (422 with Klarna's code).
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminKlarnaExtendDueDateType>, res: MedusaResponse) =>
  withKlarnaErrors(res, async () => {
    const { result } = await extendKlarnaDueDateWorkflow(req.scope).run({
      input: {
        order_id: req.params.id,
        capture_id: req.params.capture_id,
        number_of_days: req.validatedBody.number_of_days,
        request_key: requestKey(req),
        actor_id: actorId(req),
      },
    })
    sendActionResult(res, result, () => ({ capture: result.capture }))
  })
