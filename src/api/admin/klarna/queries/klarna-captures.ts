import type { MedusaContainer } from "@medusajs/framework/types"
import type { ExtendDueDateOptions, OmCapture } from "../../../../lib/klarna/types"
import { resolveKlarnaOrder } from "../../../../utils/klarna-order-ref"
import { getKlarnaProvider } from "../../../../utils/klarna-provider-lookup"

/**
 * Reads at Klarna's Order Management API with the credentials of the provider instance that
 * authorized the order. A Klarna failure leaves as the client's KlarnaError (withKlarnaErrors
 * turns it into the admin API's error response).
 */
export type KlarnaCaptureQuery = { order_id: string; capture_id: string }

/** The order's Klarna reference and a client with the credentials of the provider that authorized it. */
export const klarnaClientFor = async (container: MedusaContainer, orderId: string) => {
  const ref = await resolveKlarnaOrder(container, orderId)
  return { ref, client: getKlarnaProvider(container, ref.provider_id).klarnaClient() }
}

/** Klarna's captures of the order. */
export async function listKlarnaOrderCaptures(container: MedusaContainer, orderId: string): Promise<OmCapture[]> {
  const { ref, client } = await klarnaClientFor(container, orderId)
  return client.listCaptures(ref.klarna_order_id)
}

/** One capture as Klarna has it. */
export async function getKlarnaOrderCapture(container: MedusaContainer, input: KlarnaCaptureQuery): Promise<OmCapture> {
  const { ref, client } = await klarnaClientFor(container, input.order_id)
  return client.getCapture(ref.klarna_order_id, input.capture_id)
}

/** The due date extensions Klarna offers for a capture, with their fees. */
export async function getKlarnaExtendDueDateOptions(
  container: MedusaContainer,
  input: KlarnaCaptureQuery
): Promise<ExtendDueDateOptions> {
  const { ref, client } = await klarnaClientFor(container, input.order_id)
  return client.getExtendDueDateOptions(ref.klarna_order_id, input.capture_id)
}
