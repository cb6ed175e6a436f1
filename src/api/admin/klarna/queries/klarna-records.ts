import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type {
  KlarnaActionRecord,
  KlarnaCaptureRecord,
  KlarnaOrderOperationRecord,
} from "../../../../modules/klarna/types"

/** The module's records of `entity` for an order (query.graph, untyped: `Row` says what the entity's rows are). */
const recordsOf = async <Row>(
  container: MedusaContainer,
  entity: string,
  orderId: string,
  order: "ASC" | "DESC"
): Promise<Row[]> => {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity,
    fields: ["*"],
    filters: { order_id: orderId },
    pagination: { order: { created_at: order } },
  })
  return data
}

/** The plugin's capture records of an order, oldest first. */
export const listKlarnaCaptureRecords = (container: MedusaContainer, orderId: string) =>
  recordsOf<KlarnaCaptureRecord>(container, "klarna_capture", orderId, "ASC")

/** The plugin's own records of an order: capture records (oldest first), the action log (newest first) and cancel/release records. */
export async function listKlarnaRecords(container: MedusaContainer, orderId: string) {
  const [capture_records, actions, order_operations] = await Promise.all([
    listKlarnaCaptureRecords(container, orderId),
    recordsOf<KlarnaActionRecord>(container, "klarna_action", orderId, "DESC"),
    recordsOf<KlarnaOrderOperationRecord>(container, "klarna_order_operation", orderId, "ASC"),
  ])
  return { capture_records, actions, order_operations }
}
