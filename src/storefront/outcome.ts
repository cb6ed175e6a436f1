import type { KlarnaAuthorizeResult } from "./klarna-payments"

/** What the shopper's answer in Klarna's authorize step means for the checkout. */
export type KlarnaOutcome =
  | { kind: "approved"; authorization_token: string }
  /** Klarna refused: hide Klarna (show_form false), offer another payment method */
  | { kind: "declined" }
  /** the shopper closed Klarna's dialog: the widget stays, they can try again */
  | { kind: "abandoned" }
  /** the form has invalid fields (e.g. an address Klarna cannot use) */
  | { kind: "invalid"; invalid_fields: string[] }

export function klarnaOutcome(result: KlarnaAuthorizeResult): KlarnaOutcome {
  if (result.approved && result.authorization_token)
    return { kind: "approved", authorization_token: result.authorization_token }
  if (result.error?.invalid_fields?.length) return { kind: "invalid", invalid_fields: result.error.invalid_fields }
  return result.show_form ? { kind: "abandoned" } : { kind: "declined" }
}

/** A message for the shopper, or undefined when there is nothing to say (approved). */
export function klarnaOutcomeMessage(outcome: KlarnaOutcome): string | undefined {
  switch (outcome.kind) {
    case "approved":
      return undefined
    case "declined":
      return "Klarna could not approve this purchase. Please choose another payment method."
    case "abandoned":
      return "The Klarna payment was not completed. You can try again."
    case "invalid":
      return `Klarna needs valid details: ${outcome.invalid_fields.join(", ")}.`
  }
}
