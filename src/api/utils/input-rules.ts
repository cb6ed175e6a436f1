import { z } from "@medusajs/framework/zod"
import { isPlainKlarnaId } from "../../lib/klarna/path-segment"

/**
 * Rules for every id and string a plugin route takes, checked before anything is used.
 *
 * - Medusa ids (`order_01J…`, `payses_01J…`, `ordli_01J…`): letters, digits, `_` and `-`.
 * - Klarna ids (capture, order and session ids; UUID-like): URL-unreserved characters only and
 *   not a dot segment, the same rule the Klarna client applies before it builds a request path.
 * - Free text sent to Klarna: no control characters (C0, DEL, C1), well-formed Unicode.
 */

const MEDUSA_ID = /^[A-Za-z0-9_-]{1,255}$/
// C0 controls (incl. NUL, tab, newlines), DEL, C1 controls, and lone UTF-16 surrogates
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

export const isMedusaId = (v: unknown): v is string => typeof v === "string" && MEDUSA_ID.test(v)
export const isKlarnaId = (v: unknown): v is string => typeof v === "string" && v.length <= 255 && isPlainKlarnaId(v)
export const hasControlCharacters = (v: string) => CONTROL.test(v) || LONE_SURROGATE.test(v)

/** Why `v` is not a Medusa id, or undefined when it is one. */
export function medusaIdProblem(v: unknown): string | undefined {
  if (isMedusaId(v)) return undefined
  if (typeof v !== "string") return "must be a string"
  if (v.length === 0) return "must not be empty"
  if (v.length > 255) return "must be at most 255 characters"
  return "must be a Medusa id (letters, digits, _ and - only)"
}

/** Why `v` is not a Klarna id, or undefined when it is one. */
export function klarnaIdProblem(v: unknown): string | undefined {
  if (isKlarnaId(v)) return undefined
  if (typeof v !== "string") return "must be a string"
  if (v.length === 0) return "must not be empty"
  if (v.length > 255) return "must be at most 255 characters"
  if (/^\.+$/.test(v)) return "must be a Klarna id, not a dot segment"
  return "must be a Klarna id (letters, digits and . _ ~ - only)"
}

const prefix = (name?: string) => (name ? `${name} ` : "")

/**
 * A string of 1..max characters without control characters. With `name`, messages start with
 * it (top-level fields: Medusa's formatter shows custom messages as they are); without, the
 * enclosing list adds the path.
 */
export const plainText = (max: number, name?: string) =>
  z
    .string({ error: `${prefix(name)}must be a string` })
    .min(1, `${prefix(name)}must not be empty`)
    .max(max, `${prefix(name)}must be at most ${max} characters`)
    .refine((v) => !hasControlCharacters(v), { message: `${prefix(name)}must not contain control characters` })

export const medusaId = (name?: string) =>
  z
    .unknown()
    .superRefine((v, ctx) => {
      const problem = medusaIdProblem(v)
      if (problem) ctx.addIssue({ code: "custom", message: `${prefix(name)}${problem}` })
    })
    .transform((v) => v as string)

export const klarnaId = (name?: string) =>
  z
    .unknown()
    .superRefine((v, ctx) => {
      const problem = klarnaIdProblem(v)
      if (problem) ctx.addIssue({ code: "custom", message: `${prefix(name)}${problem}` })
    })
    .transform((v) => v as string)
