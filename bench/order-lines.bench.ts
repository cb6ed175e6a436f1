// Order-line math on big orders: building Klarna lines for a 1,000-line order (Klarna's maximum)
// and splitting it into 10 captures, with time per call and heap growth. Target: a 1,000-line
// order's lines in under 20 ms (p50) and 10 captures in under 50 ms, so a shipment never waits on it.
import { buildCaptureLines, buildOrderLines, type OrderLinesSource } from "../src/lib/order-lines"

function bigOrder(lines: number): OrderLinesSource {
  const items = Array.from({ length: lines - 1 }, (_, i) => {
    const quantity = 1 + (i % 5)
    const unit = 10 + ((i * 7919) % 9000) / 100 // 10.00 … 99.99
    const original = unit * quantity
    const total = original * 0.85 // a 15 % promotion: fractions below the öre
    return {
      id: `item_${i}`,
      title: `Item ${i}`,
      variant_sku: `SKU-${i}`,
      quantity,
      unit_price: unit,
      is_tax_inclusive: true,
      tax_lines: [{ rate: 25 }],
      total,
      original_total: original,
    }
  })
  const shipping = [
    {
      id: "sm_1",
      name: "PostNord",
      amount: 49,
      is_tax_inclusive: true,
      tax_lines: [{ rate: 25 }],
      total: 49,
      original_total: 49,
    },
  ]
  const total = items.reduce((s, i) => s + i.total, 0) + 49
  return {
    currency_code: "sek",
    country_code: "se",
    items,
    shipping_methods: shipping,
    total: Number(total.toFixed(4)),
  }
}

function time<T>(fn: () => T, runs: number) {
  const samples: number[] = []
  let result!: T
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint()
    result = fn()
    samples.push(Number(process.hrtime.bigint() - t) / 1e6)
  }
  samples.sort((a, b) => a - b)
  return { result, p50: samples[Math.floor(runs / 2)], p99: samples[Math.floor(runs * 0.99)] }
}

const source = bigOrder(1000)
for (let i = 0; i < 20; i++) buildOrderLines(source) // warm-up

const heapBefore = process.memoryUsage().heapUsed
const built = time(() => buildOrderLines(source), 200)
const order = built.result
const quantityOf = new Map(order.sources.map((s, i) => [s.id, order.order_lines[i].quantity]))
const ids = order.sources.filter((s) => s.kind === "item").map((s) => s.id)
const splitInto10 = () => {
  const captured: Record<string, number> = {}
  let sum = 0
  for (let c = 0; c < 10; c++) {
    const toCapture: Record<string, number> = {}
    for (const id of ids.slice(c * 100, (c + 1) * 100)) toCapture[id] = quantityOf.get(id)!
    const capture = buildCaptureLines({ order, alreadyCaptured: { ...captured }, toCapture, includeShipping: c === 0 })
    Object.assign(captured, capture.captured_units)
    sum += capture.captured_amount
  }
  if (sum !== order.order_amount) throw new Error(`captures add up to ${sum}, not ${order.order_amount}`)
}
const captures = time(splitInto10, 50)
const heapAfter = process.memoryUsage().heapUsed

console.log(`Order-line benchmark — node ${process.version}`)
console.log(
  `  buildOrderLines, 1,000 lines        p50 ${built.p50.toFixed(2)} ms  p99 ${built.p99.toFixed(2)} ms  (target p50 < 20 ms)`
)
console.log(
  `  10 captures of it (exact sum)       p50 ${captures.p50.toFixed(2)} ms  p99 ${captures.p99.toFixed(2)} ms  (target p50 < 50 ms)`
)
console.log(`  heap growth over ${200 + 50} runs        ${((heapAfter - heapBefore) / 1024 / 1024).toFixed(1)} MiB`)
const ok = built.p50 < 20 && captures.p50 < 50
console.log(ok ? "all targets met" : "TARGET MISSED")
process.exit(ok ? 0 : 1)
