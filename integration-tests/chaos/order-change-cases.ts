// Order changes racing captures: the merchant edits the order while a shipment's capture is at Klarna.
import { poll, type CaseSpec, type Ctx, type Run } from "./harness"

/** Medusa's order edit through its admin API: one item's quantity, requested and confirmed. */
async function editQuantity(ctx: Ctx, orderId: string, itemId: string, quantity: number) {
  const { admin } = ctx.shop
  await admin.post("/admin/order-edits", { order_id: orderId })
  await admin.post(`/admin/order-edits/${orderId}/items/item/${itemId}`, { quantity })
  await admin.post(`/admin/order-edits/${orderId}/request`, {})
  await admin.post(`/admin/order-edits/${orderId}/confirm`, {})
}

const captureInFlight = async (run: Run) =>
  poll(
    async () =>
      (await run.requests())
        .slice(run.mark)
        .some((e: any) => e.method === "POST" && e.path.endsWith("/captures") && e.status === 0),
    30_000,
    25
  )

export function orderChangeCases(ctx: Ctx): CaseSpec[] {
  return [
    {
      // sticker + shipping ship first (capture POST slowed); the edit drops one of the two scarves
      // while it is at Klarna; the remaining scarf ships after: Klarna's authorization follows the
      // edit, both captures land once, nothing beyond the edited total
      name: "order edit confirmed while 1 shipment's capture POST is slow",
      shipments: 2,
      before: (run) =>
        run
          .addFault({
            method: "POST",
            path: `/ordermanagement/v1/orders/${run.klarnaOrderId}/captures`,
            delay_ms: 3000,
            count: 1,
          })
          .then(() => undefined),
      ship: async (run) => {
        const { orderId, lines } = run.order
        const sticker = lines.find((l) => l.sku === "STICKER-1")!
        const scarf = lines.find((l) => l.sku === "SCARF-GREY")!
        const first = [{ id: sticker.id, quantity: 1 }]
        const f1 = await ctx.shop.fulfill(orderId, first)
        run.fulfillments.push(f1)
        await ctx.shop.ship(orderId, f1, first, "PN-1")
        if (!(await captureInFlight(run))) throw new Error("the first capture never reached Klarna")
        await editQuantity(ctx, orderId, scarf.id, scarf.quantity - 1)
        const second = [{ id: scarf.id, quantity: scarf.quantity - 1 }]
        const f2 = await ctx.shop.fulfill(orderId, second)
        run.fulfillments.push(f2)
        await ctx.shop.ship(orderId, f2, second, "PN-2")
      },
      // the order as edited: one scarf less
      expected: (run) => ({ amount: run.order.totalMinor - 3333, count: 2 }),
    },
  ]
}
