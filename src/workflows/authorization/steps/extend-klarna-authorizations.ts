import type { MedusaContainer, PaymentDTO, UpdatePaymentDTO } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { isKlarnaOrderClosed } from "../../../lib/cancel-operation"
import { describeKlarnaError, idempotencyKeyFor, isKlarnaError } from "../../../lib/klarna"
import type { KlarnaPaymentData } from "../../../providers/klarna/session-data"
import { getKlarnaProvider, klarnaProviderIds } from "../../../utils/klarna-provider-lookup"
import { klarnaModule } from "../../../modules/klarna"
import { recordKlarnaAction } from "../../common/steps/record-klarna-action"
import { orderNeedsAuthorization, type ShippableItem } from "../plan/needs-authorization"

const DAY = 24 * 60 * 60 * 1000
/** Payments read per page: the job's memory stays bounded however many payments the store has. */
export const EXTENSION_PAGE_SIZE = 500

/** A Klarna payment the step may extend: the filter below kept only those with Klarna's order id and expiry. */
interface ExtendablePayment extends Pick<PaymentDTO, "id" | "provider_id" | "payment_collection_id"> {
  data: KlarnaPaymentData & { order_id: string; expires_at: string }
}

interface LinkedOrder {
  order_id: string
  order?: { status?: string; canceled_at?: string | Date | null; items?: (ShippableItem | null)[] | null } | null
}

export type ExtendedAuthorization = {
  payment_id: string
  klarna_order_id: string
  from: string
  to?: string
  error?: string
}

export const extendKlarnaAuthorizationsStepId = "klarna-extend-authorizations-step"

/**
 * The live Klarna payments (neither fully captured nor canceled) whose authorization, as the
 * payment last saw it, expires between now and its provider's `extend_authorization_days_before`,
 * nearest expiry first. PostgreSQL filters on the stored expiry, so the job reads what is due, not
 * every open payment nor the store's expired history; pages (keyset on the id) bound its memory.
 */
async function dueKlarnaPayments(container: MedusaContainer, now: number, pageSize: number) {
  const payments = container.resolve(Modules.PAYMENT)
  const due: ExtendablePayment[] = []
  for (const providerId of await klarnaProviderIds(container)) {
    const { auto_extend_authorization, extend_authorization_days_before } = getKlarnaProvider(
      container,
      providerId
    ).options
    if (!auto_extend_authorization) continue
    // Klarna's expires_at is ISO 8601 in UTC, as toISOString writes it: compared as text in the JSON
    const window = {
      $gt: new Date(now).toISOString(),
      $lte: new Date(now + extend_authorization_days_before * DAY).toISOString(),
    }
    let after: string | undefined
    for (;;) {
      // FilterablePaymentProps types neither provider_id nor a JSON path, yet the payment module
      // passes them to its repository: IS NULL for null, `$gt` on the id, `data.expires_at` in JSON
      const filters = {
        provider_id: providerId,
        captured_at: null,
        canceled_at: null,
        data: { expires_at: window },
        ...(after ? { id: { $gt: after } } : {}),
      } as unknown as Parameters<typeof payments.listPayments>[0]
      const page = await payments.listPayments(filters, {
        select: ["id", "provider_id", "payment_collection_id", "data"],
        order: { id: "ASC" },
        take: pageSize,
      })
      for (const p of page)
        if ((p.data as KlarnaPaymentData | undefined)?.order_id) due.push(p as unknown as ExtendablePayment)
      if (page.length < pageSize) break
      after = page[page.length - 1].id
    }
  }
  // one Klarna order once, even when several payments carry it
  due.sort((a, b) => new Date(a.data.expires_at).getTime() - new Date(b.data.expires_at).getTime())
  const seen = new Set<string>()
  return due.filter((p) => !seen.has(p.data.order_id) && !!seen.add(p.data.order_id))
}

/** The Medusa orders of these payment collections, with what they still have to ship, in one read. */
async function ordersOf(container: MedusaContainer, paymentCollectionIds: string[]) {
  if (!paymentCollectionIds.length) return new Map<string, LinkedOrder>()
  const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "order_payment_collection",
    fields: [
      "order_id",
      "payment_collection_id",
      "order.status",
      "order.canceled_at",
      "order.items.quantity",
      "order.items.detail.quantity",
      "order.items.detail.shipped_quantity",
      "order.items.detail.fulfilled_quantity",
    ],
    filters: { payment_collection_id: paymentCollectionIds },
  })
  return new Map((data as (LinkedOrder & { payment_collection_id: string })[]).map((l) => [l.payment_collection_id, l]))
}

async function openCaptures(container: MedusaContainer, orderId: string) {
  const open = await klarnaModule(container).listKlarnaCaptures(
    { order_id: orderId, status: ["pending", "failed"] },
    { select: ["id"], take: 1 }
  )
  return open.length
}

/**
 * Klarna authorizations expire (28 days by default). For Klarna payments whose authorization
 * expires within the provider's `extend_authorization_days_before`, nearest expiry first, ask Klarna
 * for more time and record what happened. Never for a canceled Medusa order, an order with nothing
 * left to ship (see orderNeedsAuthorization), nor a Klarna order that is cancelled, closed, released
 * or expired.
 */
export const extendKlarnaAuthorizationsStep = createStep(
  extendKlarnaAuthorizationsStepId,
  async (input: { now?: string; page_size?: number }, { container }) => {
    const now = input.now ? new Date(input.now).getTime() : Date.now()
    const payments = container.resolve(Modules.PAYMENT)
    const candidates = await dueKlarnaPayments(container, now, input.page_size ?? EXTENSION_PAGE_SIZE)
    const orders = await ordersOf(container, [...new Set(candidates.map((p) => p.payment_collection_id))])
    const done: ExtendedAuthorization[] = []
    for (const payment of candidates) {
      const provider = getKlarnaProvider(container, payment.provider_id)
      const { extend_authorization_days_before, capture_on } = provider.options
      const link = orders.get(payment.payment_collection_id)
      if (!link?.order_id) continue
      // a canceled order's authorization is let go, never extended
      if (link.order?.status === "canceled" || link.order?.canceled_at) continue
      const needed = orderNeedsAuthorization({
        capture_on,
        items: link.order?.items ?? [],
        open_captures: await openCaptures(container, link.order_id),
      })
      if (!needed) continue
      const client = provider.klarnaClient()
      const entry: ExtendedAuthorization = {
        payment_id: payment.id,
        klarna_order_id: payment.data.order_id,
        from: payment.data.expires_at,
      }
      try {
        const order = await client.getOrder(payment.data.order_id)
        // cancelled, closed, released (nothing left) or expired: there is nothing to extend
        if (isKlarnaOrderClosed(order) || !["AUTHORIZED", "PART_CAPTURED"].includes(order.status)) continue
        if (order.expires_at && new Date(order.expires_at).getTime() <= now) continue
        if (order.expires_at && new Date(order.expires_at).getTime() - now > extend_authorization_days_before * DAY) {
          entry.to = order.expires_at // already extended elsewhere
        } else {
          await client.extendAuthorizationTime(order.order_id, {
            idempotencyKey: idempotencyKeyFor(`${order.order_id}:${order.expires_at}`, "extend-authorization"),
          })
          entry.to = (await client.getOrder(order.order_id)).expires_at
        }
        // UpdatePaymentDTO omits `data`, but the payment module persists it
        await payments.updatePayment({
          id: payment.id,
          data: { ...payment.data, expires_at: entry.to },
        } as UpdatePaymentDTO)
      } catch (e) {
        if (!isKlarnaError(e)) throw e
        entry.error = describeKlarnaError(e)
      }
      done.push(entry)
      // written per payment as soon as Klarna answered (what recordKlarnaActionStep does, called
      // directly: a step cannot run a step), so a later payment's failure loses no row
      await recordKlarnaAction(container, {
        order_id: link.order_id,
        klarna_order_id: entry.klarna_order_id,
        action: "extend_authorization_time",
        actor_id: "system",
        outcome: entry.error ? "failed" : "succeeded",
        details: entry,
      })
    }
    return new StepResponse(done)
  }
)
