import type { CaptureRecord } from "./types"

/** The parts of a Medusa admin order line item the capture drawer needs. */
export interface OrderItemLike {
  id: string
  title?: string | null
  variant_title?: string | null
  product_title?: string | null
  variant_sku?: string | null
  thumbnail?: string | null
  quantity: number | string
  total?: number | string | null
  detail?: { fulfilled_quantity?: number | string | null; shipped_quantity?: number | string | null } | null
}

export interface CapturableItem {
  id: string
  title: string
  subtitle: string | null
  thumbnail: string | null
  quantity: number
  fulfilled: number
  captured: number
  /** units that can still be captured by hand */
  available: number
  /** the line's total per unit in major units (tax, discounts included) */
  unit_total: number
}

const num = (v: unknown): number => {
  const n = typeof v === "string" ? Number(v) : typeof v === "number" ? v : 0
  return Number.isFinite(n) ? n : 0
}

/** Units per line item that capture records (any status: failed ones are retried) already claim. */
export function claimedQuantities(records: Pick<CaptureRecord, "items">[]): Map<string, number> {
  const claimed = new Map<string, number>()
  for (const r of records) {
    for (const item of r.items ?? []) {
      claimed.set(item.line_item_id, (claimed.get(item.line_item_id) ?? 0) + num(item.quantity))
    }
  }
  return claimed
}

/**
 * What can still be captured by hand: each line's quantity minus what was fulfilled (a fulfilled
 * unit is captured when it ships) or already claimed by a capture, whichever is more.
 */
export function capturableItems(items: OrderItemLike[], records: Pick<CaptureRecord, "items">[]): CapturableItem[] {
  const claimed = claimedQuantities(records)
  return items.map((item) => {
    const quantity = num(item.quantity)
    const fulfilled = num(item.detail?.fulfilled_quantity)
    const captured = claimed.get(item.id) ?? 0
    const available = Math.max(0, quantity - Math.max(fulfilled, captured))
    return {
      id: item.id,
      title: item.product_title || item.title || item.id,
      subtitle:
        item.variant_title && item.variant_title !== "Default" ? item.variant_title : (item.variant_sku ?? null),
      thumbnail: item.thumbnail ?? null,
      quantity,
      fulfilled,
      captured,
      available,
      unit_total: quantity > 0 ? num(item.total) / quantity : 0,
    }
  })
}

/** Σ unit total × chosen quantity, in major units (an estimate: the server builds the exact lines). */
export function selectionAmount(items: CapturableItem[], selection: Record<string, number>): number {
  return items.reduce(
    (sum, item) => sum + item.unit_total * Math.min(item.available, Math.max(0, selection[item.id] ?? 0)),
    0
  )
}

export function selectionToBody(items: CapturableItem[], selection: Record<string, number>) {
  return items
    .map((item) => ({
      line_item_id: item.id,
      quantity: Math.min(item.available, Math.max(0, Math.floor(selection[item.id] ?? 0))),
    }))
    .filter((i) => i.quantity > 0)
}
