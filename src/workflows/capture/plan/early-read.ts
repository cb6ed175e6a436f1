import type { OmOrder } from "../../../lib/klarna/types"
import type { KlarnaCaptureRecord } from "../types"

/**
 * Klarna's order is read while the capture's intent is written, before the pass holds the
 * order's lease. That read still tells what Klarna holds when every capture another record of
 * the order may have sent meanwhile is in it: records never attempted sent nothing, and an
 * attempted one must show its Klarna capture id among the read's captures. Otherwise the pass
 * reads Klarna's order again.
 */
export function earlyReadHolds(
  read: Pick<OmOrder, "captures">,
  recordId: string,
  records: Pick<KlarnaCaptureRecord, "id" | "attempts" | "klarna_capture_id">[]
): boolean {
  const seen = new Set((read.captures ?? []).map((c) => c.capture_id))
  return records.every(
    (r) => r.id === recordId || Number(r.attempts) === 0 || (!!r.klarna_capture_id && seen.has(r.klarna_capture_id))
  )
}
