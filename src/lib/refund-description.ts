/** Klarna's limit on a refund's `description`. */
export const KLARNA_DESCRIPTION_MAX = 255

// C0 and C1 controls and DEL (newlines in an admin's note included), and lone UTF-16 surrogates
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

const clean = (text: string | null | undefined) =>
  (text ?? "").replace(LONE_SURROGATE, "").replace(CONTROL, " ").replace(/\s+/g, " ").trim()

/**
 * The `description` of a Klarna refund, from what the admin gave Medusa's refund: its reason's
 * label and its note (`"Damaged: the lid was cracked"`), after what the refund is for when it has
 * lines behind it (`"Return ret_01"`, a canceled fulfillment). Control characters become spaces (Klarna shows the text in its portal and to the
 * shopper), and the text is cut to Klarna's 255 characters without splitting a character.
 * Undefined when there is nothing to say.
 */
export function klarnaRefundDescription(input: {
  /** what the refund is for, e.g. "Return ret_01" */
  subject?: string
  reason?: string | null
  note?: string | null
}): string | undefined {
  const said = [clean(input.reason), clean(input.note)].filter(Boolean).join(": ")
  const text = [clean(input.subject), said].filter(Boolean).join(" — ")
  if (!text) return undefined
  const chars = Array.from(text)
  return chars.length <= KLARNA_DESCRIPTION_MAX ? text : `${chars.slice(0, KLARNA_DESCRIPTION_MAX - 1).join("")}…`
}
