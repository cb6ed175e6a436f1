import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { FulfillmentCapture } from "../fulfillment-request"
import { loadKlarnaOrderContext } from "../../common/order-context"
import type { CaptureRequest } from "../types"

export const resolveOrderCaptureStepId = "klarna-resolve-order-capture"
/** A capture asked for by hand: the order and its Klarna payment; 404 when it isn't paid with Klarna. */
export const resolveOrderCaptureStep = createStep(
  resolveOrderCaptureStepId,
  async (request: CaptureRequest, { container }) => {
    const context = await loadKlarnaOrderContext(container, request.order_id)
    if (!context)
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${request.order_id} is not paid with Klarna`)
    return new StepResponse<FulfillmentCapture>({ request, context })
  }
)
