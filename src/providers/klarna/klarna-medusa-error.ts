import { MedusaError } from "@medusajs/framework/utils"
import { describeKlarnaError, isKlarnaError } from "../../lib/klarna"

/** Maps a Klarna failure to the MedusaError type a route turns into the right HTTP status. */
export function toMedusaError(err: unknown): unknown {
  if (!isKlarnaError(err)) return err
  const message = describeKlarnaError(err)
  // refused by the client before sending: the input was not a Klarna id
  if (err.kind === "invalid_request") return new MedusaError(MedusaError.Types.INVALID_DATA, message)
  if (err.kind !== "http" || (err.status ?? 500) >= 500 || err.status === 429) {
    return new MedusaError(MedusaError.Types.UNEXPECTED_STATE, message)
  }
  if (err.status === 404) return new MedusaError(MedusaError.Types.NOT_FOUND, message)
  if (err.status === 403 || err.status === 409) return new MedusaError(MedusaError.Types.NOT_ALLOWED, message)
  return new MedusaError(MedusaError.Types.INVALID_DATA, message)
}
