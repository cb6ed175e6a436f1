/**
 * How far the capture completing an order (or Medusa payment) may go beyond its plan to take
 * Klarna's exact remainder: rounding only. Captures of the authorized lines add up to Klarna's order
 * amount exactly, so more than a few minor units left over means Klarna holds an authorization the
 * Medusa order no longer has (e.g. a reduction Klarna never heard of): taking it would over-capture
 * the shopper.
 */
export const LAST_CAPTURE_ROUNDING_MINOR = 3

/** Klarna-style error code of a capture refused because Klarna holds more than its plan may take. */
export const EXCEEDS_PLAN_ERROR_CODE = "CAPTURE_EXCEEDS_PLAN"

/** Whether taking Klarna's `remaining` (minor units) would capture more than rounding beyond `planned`. */
export const exceedsPlan = (remaining: number, planned: number) => remaining - planned > LAST_CAPTURE_ROUNDING_MINOR
