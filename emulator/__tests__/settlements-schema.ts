import { readFileSync } from "node:fs"
import { join } from "node:path"
import Ajv, { type ValidateFunction } from "ajv"

/** Validates emulator answers against the Settlements API's OpenAPI schemas (spec/settlements-v1.openapi.json). */
const spec = JSON.parse(readFileSync(join(__dirname, "..", "spec", "settlements-v1.openapi.json"), "utf8"))
const ajv = new Ajv({ allErrors: true, strict: false })
ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i)
ajv.addFormat("uuid", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isSafeInteger(n) })
ajv.addSchema({ $id: "settlements.json", components: spec.components })

const compiled = new Map<string, ValidateFunction>()

export type SettlementsSchema =
  "Payout" | "PayoutCollection" | "PayoutSummary" | "Transaction" | "TransactionCollection" | "ErrorResponse"

/** Fails the test with ajv's messages when `body` does not match the named schema (or an array of it). */
export function expectSchema(name: SettlementsSchema, body: unknown, array = false): void {
  const key = `${name}${array ? "[]" : ""}`
  let validate = compiled.get(key)
  if (!validate) {
    const ref = { $ref: `settlements.json#/components/schemas/${name}` }
    validate = ajv.compile(array ? { type: "array", items: ref } : ref)
    compiled.set(key, validate)
  }
  const valid = validate(body)
  expect(valid ? [] : validate.errors?.map((e) => `${e.instancePath} ${e.message}`)).toEqual([])
}
