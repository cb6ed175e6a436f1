import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { addKlarnaCaptureShippingInfoWorkflow } from "../../../../../../../../workflows/klarna-admin"
import { withKlarnaErrors } from "../../../../../../../utils/klarna-error-response"
import { actorId, requestKey } from "../../../../../helpers"
import type { AdminKlarnaShippingInfoType } from "../../../../../validators"
import { sendActionResult } from "../action-response"

/** POST …/captures/:capture_id/shipping-info `{ shipping_info: [...] }` — adds tracking to a capture. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminKlarnaShippingInfoType>, res: MedusaResponse) =>
  withKlarnaErrors(res, async () => {
    const { result } = await addKlarnaCaptureShippingInfoWorkflow(req.scope).run({
      input: {
        order_id: req.params.id,
        capture_id: req.params.capture_id,
        shipping_info: req.validatedBody.shipping_info,
        request_key: requestKey(req),
        actor_id: actorId(req),
      },
    })
    sendActionResult(res, result, () => ({ capture: result.capture }))
  })
