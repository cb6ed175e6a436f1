import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { toDecimal } from "../lib/amounts"
import { klarnaAdmin } from "./klarna-admin-adapter"

export type OrderRef = { id: string } | { display_id: number }

/** "order_01J…" → the id; "#1042" / "1042" → the display id; anything else → null. */
export function parseOrderRef(value: string): OrderRef | null {
  const v = value.trim()
  const display = /^#?(\d{1,15})$/.exec(v)
  if (display) {
    const n = Number(display[1])
    return Number.isSafeInteger(n) && n > 0 ? { display_id: n } : null
  }
  return /^order_[A-Za-z0-9]{1,250}$/.test(v) ? { id: v } : null
}

export interface MedusaOrderSummary {
  id: string
  display_id: number | null
  items: { id: string; title: string | null; variant_sku: string | null; quantity: number }[]
}

/** The Medusa order an agent named (id or display id), with its line items; NOT_FOUND when there is none. */
export async function findMedusaOrder(scope: MedusaContainer, value: string): Promise<MedusaOrderSummary> {
  const ref = parseOrderRef(value)
  if (!ref)
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `order_id: "${value}" is neither an order id (order_…) nor a display id (#1042)`
    )
  const order = await klarnaAdmin.findOrderWithItems(scope, ref)
  if (!order) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${value.trim()} not found`)
  return {
    id: order.id,
    display_id: order.display_id ?? null,
    items: (order.items ?? []).map((i) => ({
      id: i.id,
      title: i.title ?? null,
      variant_sku: i.variant_sku ?? null,
      quantity: Number(toDecimal(i.quantity ?? i.detail?.quantity ?? 0)),
    })),
  }
}
