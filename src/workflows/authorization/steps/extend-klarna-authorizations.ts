import type { MedusaContainer, PaymentDTO, UpdatePaymentDTO } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { isKlarnaOrderClosed } from "../../../lib/cancel-operation"
import { describeKlarnaError, idempotencyKeyFor, isKlarnaError } from "../../../lib/klarna"
import type { KlarnaPaymentData } from "../../../providers/klarna/session-data"
import { getKlarnaProvider, isKlarnaProviderId } from "../../../utils/klarna-provider-lookup"
import { recordKlarnaAction } from "../../common/steps/record-klarna-action"

const DAY = 24 * 60 * 60 * 1000

/** A Klarna payment the step may extend: the filter below kept only those with Klarna's order id and expiry. */
interface ExtendablePayment extends PaymentDTO {
  data: KlarnaPaymentData & { order_id: string; expires_at: string }
}

async function orderOf(container: MedusaContainer, paymentCollectionId: string) {
  const { data } = await container.resolve("query").graph({
    entity: "order_payment_collection",
    fields: ["order_id", "order.status", "order.canceled_at"],
    filters: { payment_collection_id: paymentCollectionId },
  })
  const link = data[0]
  if (!link?.order_id) return undefined
  return { order_id: link.order_id as string, canceled: link.order?.status === "canceled" || !!link.order?.canceled_at }
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
 * Klarna authorizations expire (28 days by default). For Klarna payments still waiting for
 * shipments (remaining authorization > 0) whose authorization expires within the provider's
 * `extend_authorization_days_before`, ask Klarna for more time and record what happened. Never
 * for a canceled Medusa order, nor a Klarna order that is cancelled, closed, released or expired.
 */
export const extendKlarnaAuthorizationsStep = createStep(
  extendKlarnaAuthorizationsStepId,
  async (input: { now?: string }, { container }) => {
    const now = input.now ? new Date(input.now).getTime() : Date.now()
    const payments = container.resolve(Modules.PAYMENT)
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- FilterablePaymentProps types these dates as operator maps only, yet the payment module filters `null` as IS NULL
    const notSettled = { captured_at: null, canceled_at: null } as any
    const candidates = (await payments.listPayments(notSettled, { take: 1000 })).filter(
      (p): p is ExtendablePayment => isKlarnaProviderId(p.provider_id) && !!p.data?.order_id && !!p.data?.expires_at
    )
    const done: ExtendedAuthorization[] = []
    for (const payment of candidates) {
      const provider = getKlarnaProvider(container, payment.provider_id)
      const { auto_extend_authorization, extend_authorization_days_before } = provider.options
      if (!auto_extend_authorization) continue
      const expiresAt = new Date(payment.data.expires_at).getTime()
      if (expiresAt - now > extend_authorization_days_before * DAY) continue
      const orderLink = await orderOf(container, payment.payment_collection_id)
      if (!orderLink || orderLink.canceled) continue // a canceled order's authorization is let go, never extended
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
        order_id: orderLink.order_id,
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
