// bench:capture's orders: one placed through the store's APIs (checkout, Klarna's authorization in
// the emulator), the rest copies of it in bulk (bench/lib/store-copy.ts, bench:scale's builder), each
// Klarna copy given its own order at the emulator, a copy of the template's there. Thousands of
// checkouts take most of an hour on a 2-core machine; copies take seconds, and every shipment and
// capture the bench times still goes through Medusa and the plugin as a placed order's would.
import type { Client } from "pg"
import type { PlacedOrder } from "../../scripts/lib/shop"
import { mapPool } from "./pool"
import { captureTemplate, copyTemplate, restock, snapshot } from "./store-copy"

export async function placeWithCopies(opts: {
  db: Client
  emulatorUrl: string
  count: number
  name: string
  place: () => Promise<PlacedOrder>
}): Promise<PlacedOrder[]> {
  const { db, count } = opts
  if (count <= 0) return []
  const before = await snapshot(db)
  const template = await opts.place()
  // whatever the order's subscribers still write (Klarna's merchant references, the action log) lands first
  await new Promise((r) => setTimeout(r, 1500))
  const compiled = await captureTemplate(db, opts.name, before)
  const copies: Map<string, string>[] = []
  await copyTemplate(
    db,
    compiled,
    count - 1,
    () => 0,
    250,
    (ids) => copies.push(ids)
  )
  await restock(db)
  const mapped = (ids: Map<string, string>, id: string) => {
    const v = ids.get(id)
    if (!v) throw new Error(`the copy of ${opts.name} has no counterpart of ${id}`)
    return v
  }
  const orders = copies.map((ids): PlacedOrder => ({
    orderId: mapped(ids, template.orderId),
    paymentId: template.paymentId && mapped(ids, template.paymentId),
    klarnaOrderId: template.klarnaOrderId && mapped(ids, template.klarnaOrderId),
    totalMinor: template.totalMinor,
    lines: template.lines.map((l) => ({ ...l, id: mapped(ids, l.id) })),
  }))
  const klarnaTemplate = template.klarnaOrderId
  if (klarnaTemplate)
    await mapPool(orders, 8, (o) => copyKlarnaOrder(opts.emulatorUrl, klarnaTemplate, o.klarnaOrderId!, o.orderId))
  return [template, ...orders]
}

/** The emulator's copy of a template's Klarna order, under the copy's own Klarna order id. */
export async function copyKlarnaOrder(
  emulatorUrl: string,
  templateKlarnaOrderId: string,
  klarnaOrderId: string,
  medusaOrderId: string
): Promise<void> {
  const res = await fetch(`${emulatorUrl}/__emulator/orders/${templateKlarnaOrderId}/copy`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ order_id: klarnaOrderId, merchant_reference2: medusaOrderId }),
  })
  if (!res.ok) throw new Error(`copying Klarna order → ${res.status} ${await res.text()}`)
}
