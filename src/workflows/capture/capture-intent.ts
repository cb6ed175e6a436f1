import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { idempotencyKeyFor } from "../../lib/klarna"
import { getKlarnaProvider } from "../../utils/klarna-provider-lookup"
import type { KlarnaOrderContext } from "../common/order-context"
import { planCapture, type CapturePlan } from "./plan/plan-capture"
import { endLease, leaseMs, newLeaseOwner, startLeaseHeartbeat } from "./lease"
import { klarnaModule } from "../../modules/klarna"
import { orderCaptureRecords } from "./record-store"
import { captureError, type CaptureError, type CaptureRequest, type KlarnaCaptureRecord } from "./types"

const MAX_PLANNING_ROUNDS = 10

/**
 * A plan, or for an automatic capture (a fulfillment) a closed record instead of an error: a
 * shipment must always leave a visible record, even when the order's data cannot be planned.
 */
function planOrClose(
  request: CaptureRequest,
  context: KlarnaOrderContext,
  others: KlarnaCaptureRecord[],
  productUrlBase?: string
):
  { plan: CapturePlan; status: "pending" } | { plan: CapturePlan; status: "failed" | "canceled"; error: CaptureError } {
  const empty: CapturePlan = {
    amount: 0,
    order_lines: null,
    items: request.items ?? [],
    includes_shipping: false,
    completes_order: false,
  }
  if (context.canceled) {
    if (!request.clamp_to_remaining)
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Order ${request.order_id} is canceled: nothing can be captured`
      )
    return {
      plan: empty,
      status: "canceled",
      error: captureError("The order was canceled", { reason: "order_canceled" }),
    }
  }
  try {
    return {
      plan: planCapture({
        order: context.order,
        authorizedMinor: context.authorized_minor,
        others,
        input: request,
        productUrlBase,
      }),
      status: "pending",
    }
  } catch (e) {
    if (!request.clamp_to_remaining) throw e
    return {
      plan: empty,
      status: "failed",
      error: captureError(`The order's lines could not be planned: ${(e as Error).message}`, {
        reason: "invalid_order_data",
      }),
    }
  }
}

export interface CaptureIntent {
  record: KlarnaCaptureRecord
  /** the new record is leased to the `claim_for` owner given (another of the order's records was not) */
  claimed: boolean
}

/**
 * The durable intent of a capture, written before anything can fail and without calling Klarna:
 * the record for `source_key` (existing or new) with its plan. Planning reads the order's other
 * records; the insert succeeds only if they did not change meanwhile, else it plans again, so
 * concurrent captures of one order (other processes included) never claim the same units twice.
 * With `claim_for`, a new record is leased to that owner in the same transaction when it can be.
 */
export async function createCaptureIntent(
  container: MedusaContainer,
  request: CaptureRequest,
  context: KlarnaOrderContext,
  options: { claim_for?: string } = {}
): Promise<CaptureIntent> {
  const module = klarnaModule(container)
  const productUrlBase = getKlarnaProvider(container, context.provider_id).options.product_url_base
  const claim = options.claim_for ? { owner: options.claim_for, leaseMs: leaseMs() } : undefined
  for (let round = 0; round < MAX_PLANNING_ROUNDS; round++) {
    const others = await orderCaptureRecords(container, request.order_id)
    const existing = others.find((r) => r.source_key === request.source_key)
    if (existing) return { record: existing, claimed: false }
    const planned = planOrClose(request, context, others, productUrlBase)
    const result = await module.insertCaptureIntent(
      {
        source_key: request.source_key,
        order_id: request.order_id,
        fulfillment_id: request.fulfillment_id ?? null,
        payment_id: context.payment?.id ?? null,
        provider_id: context.provider_id,
        klarna_order_id: context.klarna_order_id,
        amount: planned.plan.amount,
        currency_code: String(context.order.currency_code).toLowerCase(),
        items: planned.plan.items,
        includes_shipping: planned.plan.includes_shipping,
        completes_order: planned.plan.completes_order,
        order_lines: planned.plan.order_lines,
        shipping_info: request.shipping_info?.length ? request.shipping_info : null,
        description: request.description ?? null,
        idempotency_key: idempotencyKeyFor(request.source_key, "capture"),
        status: planned.status,
        last_error: "error" in planned ? planned.error : null,
        created_by: request.actor_id ?? null,
      },
      others.map((r) => r.id),
      claim
    )
    if (!("stale" in result)) return { record: result.record as KlarnaCaptureRecord, claimed: result.claimed }
  }
  throw new MedusaError(MedusaError.Types.CONFLICT, `Captures of order ${request.order_id} keep changing; try again`)
}

export interface WrittenIntent {
  record: KlarnaCaptureRecord
  /** the lease owner when the new record was leased as it was written (the pass then needs no claim of its own) */
  owner: string | null
}

/**
 * The capture's intent (see createCaptureIntent), leased in the same transaction when no other
 * capture of the order is in flight; the lease's heartbeat starts at once.
 */
export async function writeCaptureIntent(
  container: MedusaContainer,
  request: CaptureRequest,
  context: KlarnaOrderContext
): Promise<WrittenIntent> {
  const owner = newLeaseOwner()
  const intent = await createCaptureIntent(container, request, context, { claim_for: owner })
  if (!intent.claimed) return { record: intent.record, owner: null }
  // renewed from now on, even while Klarna's order is still being read beside the step writing it
  startLeaseHeartbeat(klarnaModule(container), intent.record.id, owner)
  return { record: intent.record, owner }
}

/** Compensation of a written intent: the intent stays (it is the promise), the lease is given back. */
export async function giveBackIntentLease(container: MedusaContainer, written?: WrittenIntent | null) {
  if (written?.owner) await endLease(klarnaModule(container), written.record.id, written.owner)
}
