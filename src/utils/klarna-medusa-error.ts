import { MedusaError } from "@medusajs/framework/utils"
import { isKlarnaError, type KlarnaError } from "../lib/klarna"

/** One line an admin can act on: what failed, Klarna's code, messages and correlation id. */
export function describeKlarnaError(err: KlarnaError): string {
  if (err.kind === "invalid_request") return err.message
  if (err.kind !== "http")
    return `Klarna could not be reached (${err.operation}: ${err.kind}${err.networkCode ? ` ${err.networkCode}` : ""})`
  const parts = [`Klarna refused ${err.operation}`, err.status ? `HTTP ${err.status}` : undefined, err.errorCode]
  const messages = err.errorMessages.length ? `: ${err.errorMessages.join("; ")}` : ""
  const corr = err.correlationId ? ` (correlation_id ${err.correlationId})` : ""
  return `${parts.filter(Boolean).join(" ")}${messages}${corr}`
}

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
