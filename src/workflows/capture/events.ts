/** Emitted with `{ order_id }` when an order's waiting capture records can go now. */
export const KLARNA_CAPTURES_REQUESTED = "klarna.captures.requested"
