import { readFileSync } from "node:fs"
import { join } from "node:path"
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv-draft-04"
import { badValue, unprocessable } from "./errors"
import { ORDER_LINE_TYPES, kpSchemas, type KpSchemaName } from "./kp-schema"

/**
 * Request-body validation: OM bodies against Klarna's own Swagger 2.0 definitions
 * (spec/ordermanagement-v1.swagger.json, draft-04 JSON Schema), KP bodies against kp-schema.ts.
 *
 * Status rule (one for both APIs): a string that is too long or too short, or breaks a
 * `format` (e.g. shipping_company over 100 chars), is 422 UNPROCESSABLE_ENTITY, as Klarna answers;
 * anything else — missing field, wrong type, value outside
 * min/max or not among the allowed values, too many items — is 400 BAD_VALUE. When both kinds
 * occur, 400 wins and all messages are listed.
 */

const LENGTH_OR_FORMAT = new Set(["maxLength", "minLength", "format"])

const SHIPPING_METHODS = [
  "PickUpStore",
  "Home",
  "BoxReg",
  "BoxUnreg",
  "PickUpPoint",
  "Own",
  "Postal",
  "DHLPackstation",
  "Digital",
  "Undefined",
  "PickUpWarehouse",
  "ClickCollect",
  "PalletDelivery", // newer
]

/** Enumerations anchored as Klarna's server matches them (the spec's patterns are unanchored). */
export const oneOfPattern = (values: string[]) => `^(${values.join("|")})$`

export type OmDefinition =
  | "CaptureObject"
  | "RefundObject"
  | "UpdateShippingInfo"
  | "ExtendDueDateRequest"
  | "Update authorization"
  | "Update merchant references"
  | "UpdateConsumer"

function loadOmDefinitions(): Record<string, any> {
  const swagger = JSON.parse(readFileSync(join(__dirname, "spec", "ordermanagement-v1.swagger.json"), "utf8"))
  const definitions = swagger.definitions
  definitions.order_line.properties.type.pattern = oneOfPattern(ORDER_LINE_TYPES)
  definitions.order_line.properties.tax_rate.maximum = 10000 // basis points (2500 = 25 %): Klarna refuses more than 100 %
  definitions.shipping_info.properties.shipping_method.pattern = oneOfPattern(SHIPPING_METHODS)
  return definitions
}

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false })
ajv.addSchema({ id: "om.json", definitions: loadOmDefinitions() })
for (const [name, schema] of Object.entries(kpSchemas)) ajv.addSchema({ id: `kp-${name}.json`, ...schema })

const compiled = new Map<string, ValidateFunction>()
function validator(ref: string): ValidateFunction {
  let fn = compiled.get(ref)
  if (!fn) {
    fn = ajv.compile({ $ref: ref })
    compiled.set(ref, fn)
  }
  return fn
}

export function validateOmBody(definition: OmDefinition, body: unknown): void {
  check(validator(`om.json#/definitions/${encodeURIComponent(definition)}`), body)
}

export function validateKpBody(name: KpSchemaName, body: unknown): void {
  check(validator(`kp-${name}.json`), body)
}

function check(validate: ValidateFunction, body: unknown): void {
  if (validate(body)) return
  const errors = (validate.errors ?? []).filter((e) => !["$ref", "if", "anyOf", "oneOf"].includes(e.keyword))
  const messages = [...new Set(errors.map(describe))]
  if (errors.every((e) => LENGTH_OR_FORMAT.has(e.keyword))) throw unprocessable(...messages)
  throw badValue(...messages)
}

function describe(error: ErrorObject): string {
  const path = fieldPath(error.instancePath)
  if (error.keyword === "required") {
    const missing = (error.params as { missingProperty: string }).missingProperty
    return `Missing value: ${path ? `${path}.${missing}` : missing}`
  }
  return `Bad value: ${path || "body"} (${error.message})`
}

/** "/order_lines/0/total_amount" → "order_lines[0].total_amount" */
export function fieldPath(instancePath: string): string {
  return instancePath
    .split("/")
    .filter(Boolean)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), "")
}
