import type { MedusaContainer } from "@medusajs/framework/types"
import { KLARNA_MODULE } from "../../modules/klarna"
import type KlarnaModuleService from "../../modules/klarna/service"
import type { KlarnaCaptureRecord } from "./types"

export const klarnaModule = (container: MedusaContainer) => container.resolve<KlarnaModuleService>(KLARNA_MODULE)

export async function findCaptureRecord(
  container: MedusaContainer,
  id: string
): Promise<KlarnaCaptureRecord | undefined> {
  const [record] = await klarnaModule(container).listKlarnaCaptures({ id })
  return record as unknown as KlarnaCaptureRecord | undefined
}

export async function orderCaptureRecords(container: MedusaContainer, orderId: string): Promise<KlarnaCaptureRecord[]> {
  return (await klarnaModule(container).listKlarnaCaptures(
    { order_id: orderId },
    { order: { created_at: "ASC" } }
  )) as unknown as KlarnaCaptureRecord[]
}

export async function updateCaptureRecord(
  container: MedusaContainer,
  id: string,
  patch: Partial<KlarnaCaptureRecord>
): Promise<KlarnaCaptureRecord> {
  return (await klarnaModule(container).updateKlarnaCaptures({ id, ...patch } as any)) as unknown as KlarnaCaptureRecord
}
