import type { MedusaContainer } from "@medusajs/framework/types"
import type { KlarnaCaptureRecord } from "../capture/types"
import { followKlarnaOrderChangeWorkflow } from "./follow-klarna-order-change"

/**
 * After a shipment's capture: when it was the order's last and captured less than Klarna holds (an
 * edit lowered the order), the rest is released now, not left to expire. Klarna is read only when
 * Medusa's side says something may follow: a plain shipment's capture stays at two Klarna calls.
 */
export async function followOrderAfterCapture(container: MedusaContainer, record?: KlarnaCaptureRecord) {
  if (record?.status !== "succeeded") return
  await followKlarnaOrderChangeWorkflow(container).run({ input: { order_id: record.order_id, after_capture: true } })
}
