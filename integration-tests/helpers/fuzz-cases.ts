import fc from "fast-check"

/** One hostile request: what is sent, and what the answer must name. */
export interface FuzzCase {
  label: string
  method: "GET" | "POST"
  /** raw request path, sent byte for byte (no URL normalization) */
  path: string
  body?: unknown
  /** raw body text instead of JSON.stringify(body) */
  rawBody?: string
  headers?: Record<string, string>
  admin?: boolean
  /** the param/field the 4xx message must name */
  field: string
  /** checkable without Klarna: the emulator must see no request at all */
  local: boolean
  /** checked from Medusa's data by the capture pipeline (not by the validators); counted apart */
  pipeline?: boolean
}

const SEED = 1414
const sample = <T>(arb: fc.Arbitrary<T>, n: number, seed: number): T[] =>
  fc.sample(arb, { numRuns: n, seed: SEED + seed })

/** Percent-encodes every byte but [A-Za-z0-9_-], so dots travel as %2E and reach the router as ".". */
export const encodeAll = (v: string) =>
  [...Buffer.from(v, "utf8")]
    .map((b) =>
      /[A-Za-z0-9_-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, "0")}`
    )
    .join("")

const word = fc.stringMatching(/^[a-z0-9_]{0,8}$/)
const CONTROL = ["\u0000", "\u0001", "\u0007", "\b", "\t", "\n", "\r", "\u001b", "\u001f", "\u007f", "\u0085", "\u009f"]
const BAD_IN_ANY_ID = [
  ...CONTROL,
  "/",
  "\\",
  "?",
  "#",
  "%",
  " ",
  "é",
  "😀",
  ":",
  "@",
  "&",
  "=",
  "+",
  ";",
  ",",
  "'",
  '"',
  "<",
  ">",
  "*",
  "\u2028",
  "\ufeff",
]

/** Values that are not Medusa ids (letters, digits, _ and -). */
export const badMedusaIds = (n: number, seed: number) =>
  sample(
    fc.oneof(
      {
        weight: 1,
        arbitrary: fc.constantFrom(".", "..", "...", "%2e%2e", "%252e", "order_1/../x", "./order_1", "a.b", "~"),
      },
      {
        weight: 6,
        arbitrary: fc.tuple(word, fc.constantFrom(...BAD_IN_ANY_ID, "."), word).map(([a, c, b]) => a + c + b),
      },
      { weight: 1, arbitrary: fc.stringMatching(/^[a-z0-9]{256,300}$/) }
    ),
    n,
    seed
  )

/** Values that are not Klarna ids (unreserved characters, not a dot segment, ≤ 255). */
export const badKlarnaIds = (n: number, seed: number) =>
  sample(
    fc.oneof(
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          ".",
          "..",
          "...",
          "%2e",
          "%2e%2e",
          "%252e%252e",
          "../shipping-info",
          "a/../..",
          "%00"
        ),
      },
      { weight: 6, arbitrary: fc.tuple(word, fc.constantFrom(...BAD_IN_ANY_ID), word).map(([a, c, b]) => a + c + b) },
      { weight: 1, arbitrary: fc.stringMatching(/^[a-f0-9-]{256,300}$/) }
    ),
    n,
    seed
  )

/** Strings Klarna must never receive in a text field: control characters, lone surrogates, too long. */
export const badTexts = (max: number, n: number, seed: number) =>
  sample(
    fc.oneof(
      {
        weight: 5,
        arbitrary: fc.tuple(word, fc.constantFrom(...CONTROL, "\ud800", "\udfff"), word).map(([a, c, b]) => a + c + b),
      },
      { weight: 1, arbitrary: fc.integer({ min: max + 1, max: max + 50 }).map((l) => "x".repeat(l)) },
      { weight: 1, arbitrary: fc.constantFrom<unknown>("", 0, 42, true, null, [], {}, ["a"]) }
    ),
    n,
    seed
  )

export const notPositiveIntegers = (n: number, seed: number) =>
  sample(
    fc.constantFrom<unknown>(0, -1, 1.5, "2", null, true, [], {}, 1e300, -0.5, Number.MAX_SAFE_INTEGER + 2, "14"),
    n,
    seed
  )

export const badAmounts = (n: number, seed: number) =>
  sample(
    fc.oneof(
      fc.constantFrom<unknown>(0, -1, "10", null, true, [], {}, 1e13, -0.01),
      fc.double({ max: 0, noNaN: true })
    ),
    n,
    seed
  )

/** Malformed percent-encoding: Express cannot decode these path parameters. */
export const MALFORMED_SEGMENTS = ["%", "%zz", "%E0%A4%A", "%C0%AF", "%ED%A0%80", "%FF"]
