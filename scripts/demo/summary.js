// The demo's closing table: both ledgers side by side, and the checks `--once` exits on.
const sek = (minor) => `${(minor / 100).toFixed(2)} SEK`

function summarize({ after, final, requests, choice, payout }) {
  const ko = final.klarna_order
  // after the order edit the order has two collections: the original (closed at what it captured)
  // and the one Medusa opened for the edit, paid by the same Klarna order
  const payments = after.payment_collections.flatMap((pc) => pc.payments)
  const payment = payments.find((p) => !p.canceled_at)
  const medusaCaptured = payments.flatMap((p) => p.captures).reduce((s, c) => s + Number(c.amount), 0)
  const medusaTotal = Number(after.total)
  const rows = [
    ["Medusa order total", `${medusaTotal} SEK`],
    ["Klarna order amount", `${ko.amounts.order_amount.major} SEK (${ko.amounts.order_amount.minor} öre)`],
    ...final.captures.map((c, i) => [
      `Capture ${i + 1}`,
      `${(c.captured_amount / 100).toFixed(2)} SEK, ${c.order_lines?.length ?? 0} lines, tracking ${c.shipping_info?.map((s) => s.tracking_number).join(", ") || "—"}`,
    ]),
    ["Klarna captured", `${ko.amounts.captured_amount.major} SEK, status ${ko.status}`],
    ["Medusa captured", `${Number(medusaCaptured.toFixed(6))} SEK, order ${after.payment_status}`],
    [
      "Payout",
      `paid out in ${payout.payment_reference}: sales ${sek(payout.sale_amount)}, fees ${sek(payout.fee_amount)}, net ${sek(payout.settlement_amount)} — ${payout.status}`,
    ],
  ]
  const paidOut = new Set(payout.transactions.filter((t) => t.type === "SALE").map((t) => t.capture_id))
  const count = (method, suffix) =>
    requests.filter((r) => r.method === method && r.path.endsWith(suffix) && r.status < 300).length
  const checks = [
    ["Klarna order amount = rounded Medusa total", ko.amounts.order_amount.minor === Math.round(medusaTotal * 100)],
    [
      "Klarna captured everything, in 2 captures",
      ko.status === "CAPTURED" &&
        final.captures.length === 2 &&
        ko.amounts.captured_amount.minor === ko.amounts.order_amount.minor,
    ],
    [
      "Σ captures = order amount",
      final.captures.reduce((s, c) => s + c.captured_amount, 0) === ko.amounts.order_amount.minor,
    ],
    [
      "Medusa captured = Medusa total, order fully captured",
      Math.abs(medusaCaptured - medusaTotal) < 1e-9 && !!payment?.captured_at && after.payment_status === "captured",
    ],
    [
      "the order edit followed at Klarna: one PATCH /authorization, never cancelled or released",
      count("PATCH", "/authorization") === 1 &&
        count("POST", "/cancel") === 0 &&
        count("POST", "/release-remaining-authorization") === 0,
    ],
    ["every capture carries its tracking number", final.captures.every((c) => c.shipping_info?.[0]?.tracking_number)],
    ["one capture POST per shipment at Klarna", count("POST", "/captures") === 2],
    [`due date extended once (${choice.number_of_days} days)`, count("PATCH", "/extend-due-date") === 1],
    ["communication re-sent once", count("POST", "/trigger-send-out") === 1],
    [
      `paid out in ${payout.payment_reference} — reconciled (every capture matched, totals add up)`,
      payout.status === "reconciled" && final.captures.every((c) => paidOut.has(c.capture_id)),
    ],
  ]
  return { rows, checks, ok: checks.every(([, ok]) => ok) }
}

function printSummary({ rows, checks }, print) {
  const width = Math.max(...rows.map(([k]) => k.length))
  print("\n┌─ Summary " + "─".repeat(60))
  for (const [k, v] of rows) print(`│ ${k.padEnd(width)}  ${v}`)
  print("├─ Checks " + "─".repeat(61))
  for (const [k, ok] of checks) print(`│ ${ok ? "✔" : "✘"} ${k}`)
  print("└" + "─".repeat(70))
}

module.exports = { summarize, printSummary }
