import { roundDiv, toSafeNumber } from "../amounts"
import { klarnaTaxAmount } from "./tax"
import type { KlarnaOrderLine, LineSource, OrderLinesResult } from "./types"
import { assertKlarnaArithmetic } from "./validate"

/**
 * Capture lines for part of an authorized order, stateless and path-independent.
 *
 * A line of q units with unit price u, total discount D and tax rate r has, after c units are
 * captured (by any number of captures), captured cumulatively:
 *   discount(c) = round(D × c / q)            (half away from zero, exact integer math)
 *   total(c)    = c × u − discount(c)
 *   tax(c)      = klarnaTax(total(c), r)       (= the authorized line's tax when c = q)
 * Capturing k more units sends quantity k, the same unit_price and tax_rate, and the differences
 * discount(c+k) − discount(c), total(c+k) − total(c), tax(c+k) − tax(c). So each line's captures
 * add up to the authorized line exactly, Σ captures = order_amount, and every capture line meets
 * Klarna's arithmetic (its tax is within ±1 of the formula on its own total).
 *
 * US sales tax is spread the same way over the whole order: with W_l the line's tax weight
 * (Medusa tax of the line, in minor units) and w_l(c) = round(W_l × c / q_l), the sales tax
 * captured cumulatively is round(S × Σ w_l(c_l) / Σ W_l). Lines without tax carry none of it; if no
 * line has a weight, line totals are the weights, and if those are 0 too, units are.
 * A capture whose sales tax share is 0 has no sales_tax line.
 */

export interface CaptureLinesInput {
  /** the result of buildOrderLines for the order (lines + their sources) */
  order: Pick<OrderLinesResult, "order_lines" | "sources">
  /** units already captured per item/shipping id (missing = 0) */
  alreadyCaptured: Record<string, number>
  /** units to capture now per item/shipping id; each ≥ 1 */
  toCapture: Record<string, number>
  /** also capture every shipping line not captured yet (give true for the first capture) */
  includeShipping: boolean
}

export interface CaptureLinesResult {
  order_lines: KlarnaOrderLine[]
  captured_amount: number
  /** parallel to order_lines */
  sources: LineSource[]
  /** units captured per item/shipping id after this capture (input for the next one) */
  captured_units: Record<string, number>
  /** every unit of every item and shipping line is captured after this capture */
  completes_order: boolean
}

interface Entry {
  line: KlarnaOrderLine
  source: LineSource
}

function entries(order: CaptureLinesInput["order"]): { units: Entry[]; salesTax?: Entry } {
  const { order_lines, sources } = order
  if (!Array.isArray(order_lines) || !Array.isArray(sources) || order_lines.length !== sources.length) {
    throw new Error("order.order_lines and order.sources must be arrays of the same length")
  }
  const units: Entry[] = []
  let salesTax: Entry | undefined
  const seen = new Set<string>()
  order_lines.forEach((line, i) => {
    const source = sources[i]
    if (source.kind === "sales_tax") {
      if (salesTax) throw new Error("order has more than one sales_tax line")
      salesTax = { line, source }
      return
    }
    if (seen.has(source.id)) throw new Error(`order has two lines for id ${source.id}`)
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) {
      throw new Error(`order line for ${source.id} has quantity ${line.quantity}; must be ≥ 1`)
    }
    seen.add(source.id)
    units.push({ line, source })
  })
  return { units, salesTax }
}

function discountAt(l: KlarnaOrderLine, c: number): bigint {
  return roundDiv(BigInt(l.total_discount_amount ?? 0) * BigInt(c), BigInt(l.quantity))
}

function totalAt(l: KlarnaOrderLine, c: number): bigint {
  return BigInt(c) * BigInt(l.unit_price) - discountAt(l, c)
}

function taxAt(l: KlarnaOrderLine, c: number): bigint {
  return BigInt(klarnaTaxAmount(totalAt(l, c), l.tax_rate))
}

function units(record: Record<string, number>, name: string, known: Map<string, Entry>, min: number) {
  for (const [id, n] of Object.entries(record ?? {})) {
    if (!known.has(id)) throw new Error(`${name}: unknown item or shipping id ${id}`)
    if (!Number.isSafeInteger(n) || n < min) {
      throw new Error(`${name}[${id}] must be an integer ≥ ${min}, got ${n}`)
    }
  }
}

/** Cumulative units per line id before and after this capture; validates the input. */
function capturedState(input: CaptureLinesInput, lines: Entry[]) {
  const byId = new Map(lines.map((e) => [e.source.id, e]))
  units(input.alreadyCaptured, "alreadyCaptured", byId, 0)
  units(input.toCapture, "toCapture", byId, 1)
  const before = new Map<string, number>()
  const after = new Map<string, number>()
  for (const { line, source } of lines) {
    const c = input.alreadyCaptured?.[source.id] ?? 0
    let k = input.toCapture?.[source.id] ?? 0
    if (c > line.quantity) {
      throw new Error(`alreadyCaptured[${source.id}] = ${c} exceeds the line's quantity ${line.quantity}`)
    }
    if (input.includeShipping && source.kind === "shipping") k = Math.max(k, line.quantity - c)
    if (c + k > line.quantity) {
      throw new Error(`capturing ${k} of ${source.id} after ${c} exceeds the line's quantity ${line.quantity}`)
    }
    before.set(source.id, c)
    after.set(source.id, c + k)
  }
  return { before, after }
}

/** Sales tax captured cumulatively in a given state (see the header comment). */
function salesTaxAt(salesTax: Entry | undefined, lines: Entry[], state: Map<string, number>): bigint {
  if (!salesTax) return 0n
  const s = BigInt(salesTax.line.total_amount)
  const schemes: ((e: Entry, c: number) => [bigint, bigint])[] = [
    (e, c) => {
      const w = BigInt(e.source.tax_weight ?? 0)
      return [roundDiv(w * BigInt(c), BigInt(e.line.quantity)), w]
    },
    (e, c) => [totalAt(e.line, c), BigInt(e.line.total_amount)],
    (e, c) => [BigInt(c), BigInt(e.line.quantity)],
  ]
  for (const scheme of schemes) {
    let part = 0n
    let whole = 0n
    for (const e of lines) {
      const [p, w] = scheme(e, state.get(e.source.id) ?? 0)
      if (w < 0n) throw new Error(`negative sales tax weight on ${e.source.id}`)
      part += p
      whole += w
    }
    if (whole > 0n) return roundDiv(s * part, whole)
  }
  return s
}

export function buildCaptureLines(input: CaptureLinesInput): CaptureLinesResult {
  const { units: lines, salesTax } = entries(input.order)
  const { before, after } = capturedState(input, lines)

  const order_lines: KlarnaOrderLine[] = []
  const sources: LineSource[] = []
  for (const { line, source } of lines) {
    const c = before.get(source.id) ?? 0
    const n = after.get(source.id) ?? 0
    if (n === c) continue
    order_lines.push({
      ...line,
      quantity: n - c,
      total_discount_amount: toSafeNumber(discountAt(line, n) - discountAt(line, c)),
      total_amount: toSafeNumber(totalAt(line, n) - totalAt(line, c)),
      total_tax_amount: toSafeNumber(taxAt(line, n) - taxAt(line, c)),
    })
    sources.push(source)
  }
  if (order_lines.length === 0) throw new Error("nothing to capture: toCapture is empty and no shipping is left")
  const taxNow = salesTaxAt(salesTax, lines, after) - salesTaxAt(salesTax, lines, before)
  if (salesTax && taxNow > 0n) {
    const amount = toSafeNumber(taxNow)
    order_lines.push({
      ...salesTax.line,
      quantity: 1,
      unit_price: amount,
      total_amount: amount,
      total_tax_amount: amount,
    })
    sources.push(salesTax.source)
  }
  const captured_amount = order_lines.reduce((s, l) => s + l.total_amount, 0)
  assertKlarnaArithmetic(order_lines, captured_amount, undefined, { amountField: "captured_amount" })
  return {
    order_lines,
    captured_amount,
    sources,
    captured_units: Object.fromEntries(after),
    completes_order: lines.every((e) => after.get(e.source.id) === e.line.quantity),
  }
}

/** Units still to capture per item/shipping id (0 for fully captured lines). */
export function remainingUnits(
  order: CaptureLinesInput["order"],
  alreadyCaptured: Record<string, number>
): Record<string, number> {
  const { units: lines } = entries(order)
  const { before } = capturedState({ order, alreadyCaptured, toCapture: {}, includeShipping: false }, lines)
  return Object.fromEntries(lines.map((e) => [e.source.id, e.line.quantity - (before.get(e.source.id) ?? 0)]))
}

/** Minor units still to capture at Klarna after `alreadyCaptured` (order_amount − captured). */
export function remainingAmount(order: CaptureLinesInput["order"], alreadyCaptured: Record<string, number>): number {
  const { units: lines, salesTax } = entries(order)
  const { before } = capturedState({ order, alreadyCaptured, toCapture: {}, includeShipping: false }, lines)
  let remaining = 0n
  for (const { line, source } of lines)
    remaining += BigInt(line.total_amount) - totalAt(line, before.get(source.id) ?? 0)
  if (salesTax) remaining += BigInt(salesTax.line.total_amount) - salesTaxAt(salesTax, lines, before)
  return toSafeNumber(remaining)
}
