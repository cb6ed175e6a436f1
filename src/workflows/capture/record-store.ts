import type { MedusaContainer } from "@medusajs/framework/types"
import { klarnaModule } from "../../modules/klarna"
import type { KlarnaCaptureRecord } from "./types"

export async function findCaptureRecord(
  container: MedusaContainer,
  id: string
): Promise<KlarnaCaptureRecord | undefined> {
  const [record] = await klarnaModule(container).listKlarnaCaptures({ id })
  return record
}

export async function orderCaptureRecords(container: MedusaContainer, orderId: string): Promise<KlarnaCaptureRecord[]> {
  return klarnaModule(container).listKlarnaCaptures({ order_id: orderId }, { order: { created_at: "ASC" } })
}

export async function updateCaptureRecord(
  container: MedusaContainer,
  id: string,
  patch: Partial<KlarnaCaptureRecord>
): Promise<KlarnaCaptureRecord> {
  return klarnaModule(container).updateKlarnaCaptures({ id, ...patch })
}

/** Marks Medusa's capture as this record's, so a retry finds it instead of capturing again. */
export const medusaCaptureMarker = (recordId: string) => `klarna:${recordId}`
