import type { MedusaContainer } from "@medusajs/framework/types"
import { KLARNA_MODULE } from "../../src/modules/klarna"

/** The warehouse side through Medusa's admin API: fulfill items, then mark them shipped with labels. */
export function warehouse(api: any, headers: () => Record<string, any>) {
  return {
    async fulfill(orderId: string, items: { id: string; quantity: number }[]) {
      const before = await api.get(`/admin/orders/${orderId}?fields=id,fulfillments.id`, headers())
      const known = new Set(before.data.order.fulfillments.map((f: any) => f.id))
      const { data } = await api.post(
        `/admin/orders/${orderId}/fulfillments?fields=id,fulfillments.id`,
        { items },
        headers()
      )
      return data.order.fulfillments.find((f: any) => !known.has(f.id)).id as string
    },
    async ship(
      orderId: string,
      fulfillmentId: string,
      items: { id: string; quantity: number }[],
      trackingNumber = "TRK-1"
    ) {
      return api.post(
        `/admin/orders/${orderId}/fulfillments/${fulfillmentId}/shipments`,
        {
          items,
          labels: [
            {
              tracking_number: trackingNumber,
              tracking_url: `https://tracking.example/${trackingNumber}`,
              label_url: "https://labels.example/1.pdf",
            },
          ],
        },
        headers()
      )
    },
    async fulfillAndShip(orderId: string, items: { id: string; quantity: number }[], trackingNumber?: string) {
      const fulfillmentId = await this.fulfill(orderId, items)
      await this.ship(orderId, fulfillmentId, items, trackingNumber)
      return fulfillmentId
    },
  }
}

export async function captureRecords(container: MedusaContainer, orderId: string) {
  return (await container
    .resolve<any>(KLARNA_MODULE)
    .listKlarnaCaptures({ order_id: orderId }, { order: { created_at: "ASC" } })) as any[]
}

/** Subscribers run after the HTTP call returns: wait until `done` holds for the order's records. */
export async function waitForRecords(
  container: MedusaContainer,
  orderId: string,
  done: (records: any[]) => boolean,
  timeoutMs = 15000
) {
  const until = Date.now() + timeoutMs
  let records: any[] = []
  while (Date.now() < until) {
    records = await captureRecords(container, orderId)
    if (done(records)) return records
    await new Promise((r) => setTimeout(r, 150))
  }
  throw new Error(
    `capture records of ${orderId} never settled: ${JSON.stringify(records.map((r) => ({ status: r.status, last_error: r.last_error })))}`
  )
}
