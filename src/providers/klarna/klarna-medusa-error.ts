import { MedusaError } from "@medusajs/framework/utils"
import { httpStatusForKlarnaFailure, klarnaFailureOf } from "../../lib/klarna"

/**
 * The MedusaError type Medusa's error handler answers with each status of httpStatusForKlarnaFailure.
 * Medusa has no type for 502: a Klarna outage thrown by the provider reaches Medusa's own routes as 500.
 */
const MEDUSA_ERROR_TYPE_FOR_STATUS: Record<number, string> = {
  400: MedusaError.Types.INVALID_DATA,
  404: MedusaError.Types.NOT_FOUND,
  422: MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR,
  502: MedusaError.Types.UNEXPECTED_STATE,
}

/** A Klarna failure → the MedusaError answering the same status as the admin API (anything else as it is). */
export function toMedusaError(err: unknown): unknown {
  const failure = klarnaFailureOf(err)
  if (!failure) return err
  return new MedusaError(MEDUSA_ERROR_TYPE_FOR_STATUS[httpStatusForKlarnaFailure(failure)], failure.message)
}
