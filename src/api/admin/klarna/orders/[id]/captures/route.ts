import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { readRecordedKlarnaFailure } from "../../../../../../lib/klarna"
import { adminCaptureKlarnaWorkflow } from "../../../../../../workflows/klarna-admin"
import { captureRecordView } from "../../../views"
import { runOrderCaptures } from "../../../../../../workflows/capture/run-order-captures"
import { sendKlarnaFailure, withKlarnaErrors } from "../../../../../utils/klarna-error-response"
import { actorId, requestKey } from "../../../helpers"
import type { AdminKlarnaCaptureType } from "../../../validators"
import { listKlarnaOrderCaptures } from "../../../queries"

/** GET /admin/klarna/orders/:id/captures — Klarna's captures of the order. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) =>
  withKlarnaErrors(res, async () => {
    res.json({ captures: await listKlarnaOrderCaptures(req.scope, req.params.id) })
  })

/**
 * POST /admin/klarna/orders/:id/captures — capture by hand, by items or by amount. 201 with the
 * capture record when Klarna captured; when Klarna refused, the Klarna error response with the
 * failed record in `capture_record` (a record kept pending after Klarna was unreachable: 502 with
 * it); 202 when the record waits for something else (Klarna's fraud decision).
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminKlarnaCaptureType>, res: MedusaResponse) =>
  withKlarnaErrors(res, async () => {
    const body = req.validatedBody
    const { result } = await adminCaptureKlarnaWorkflow(req.scope).run({
      input: {
        order_id: req.params.id,
        request_key: requestKey(req),
        items: body.items,
        amount: body.amount,
        shipping_info: body.shipping_info,
        description: body.description,
        actor_id: actorId(req),
      },
    })
    const record = result
    if (!record) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${req.params.id} is not paid with Klarna`)
    const capture_record = captureRecordView(record)
    // captures of the order that arrived while this one held it go next, after the answer
    res.on("finish", () => void runOrderCaptures(req.scope, record.order_id).catch(() => undefined))
    if (record.status === "succeeded") return void res.status(201).json({ capture_record })
    const e = record.last_error
    if (record.status === "failed" && (e?.reason === "klarna_order_state" || e?.reason === "exceeds_plan")) {
      return void res
        .status(422)
        .json({ type: "not_allowed", message: e.message, klarna_status: e.klarna_status, capture_record })
    }
    const klarnaFailed = !!e && (typeof e.status === "number" || Number(record.attempts) > 0)
    if (record.status === "pending" && !klarnaFailed) {
      // e.g. waiting for Klarna's fraud decision: the record is kept and retried
      return void res.status(202).json({ capture_record })
    }
    sendKlarnaFailure(
      res,
      {
        ...readRecordedKlarnaFailure(e),
        message:
          (e?.message ?? "Klarna did not capture") +
          (record.status === "pending"
            ? ". The capture is kept pending and retried with the same idempotency key."
            : ""),
      },
      { capture_record }
    )
  })
