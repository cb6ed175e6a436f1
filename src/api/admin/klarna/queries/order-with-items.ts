import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MoneyLike } from "../../../../lib/amounts"
import { queryRows } from "../../../../utils/query-rows"

/** An order with its line items, as findOrderWithItems reads it. */
export interface OrderWithItemsRow {
  id: string
  display_id?: number | null
  items?:
    | {
        id: string
        title?: string | null
        variant_sku?: string | null
        quantity?: MoneyLike | null
        detail?: { quantity?: MoneyLike | null } | null
      }[]
    | null
}

/** The order with this id or display id, with its line items; undefined when there is none. */
export async function findOrderWithItems(
  container: MedusaContainer,
  ref: { id: string } | { display_id: number }
): Promise<OrderWithItemsRow | undefined> {
  const [order] = await queryRows<OrderWithItemsRow>(container.resolve(ContainerRegistrationKeys.QUERY), {
    entity: "order",
    // an item's quantity lives in its order_item detail; Medusa fills `quantity` when totals are asked for
    fields: [
      "id",
      "display_id",
      "total",
      "items.id",
      "items.title",
      "items.variant_sku",
      "items.quantity",
      "items.detail.quantity",
    ],
    filters: ref,
  })
  return order
}
