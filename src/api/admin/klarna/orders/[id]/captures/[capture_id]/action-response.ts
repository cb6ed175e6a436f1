import type { MedusaResponse } from "@medusajs/framework/http"
import type { KlarnaCaptureActionResult } from "../../../../../../../workflows/klarna-admin"
import { sendKlarnaFailure } from "../../../../../../utils/klarna-error-response"

/** A capture action's workflow result → the response: Klarna's refusal becomes the Klarna error response. */
export function sendActionResult(res: MedusaResponse, result: KlarnaCaptureActionResult, ok: () => unknown): void {
  if (result.outcome === "failed") return sendKlarnaFailure(res, result.error ?? {})
  res.status(200).json(ok())
}
