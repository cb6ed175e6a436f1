import type { MedusaContainer } from "@medusajs/framework/types"
import { processKlarnaCaptureWorkflow } from "./process-capture"
import { orderCaptureRecords } from "./record-store"
import type { KlarnaCaptureRecord } from "./types"

export interface RunOrderCapturesOptions {
  /** also retry failed records (admins); otherwise pending ones only */
  retry_failed?: boolean
  /** leave records alone that were tried this many times (the scheduled job) */
  max_attempts?: number
  /** wait for another capture of the order in flight to finish (admin requests) */
  wait_ms?: number
  /** the admin retrying (action log) */
  actor_id?: string
  /** records that just had their pass (a failed one waits for the job or an admin) */
  passed?: string[]
}

const due = (r: KlarnaCaptureRecord, o: RunOrderCapturesOptions) =>
  (r.status === "pending" || (o.retry_failed && r.status === "failed")) &&
  (o.max_attempts === undefined || Number(r.attempts) < o.max_attempts)

/**
 * Captures an order's open records one after the other, oldest first, each in its own pass.
 * Stops when a record is being captured elsewhere: that holder runs this too once it is done, so
 * an order's captures never wait on a lock and none is left behind.
 */
export async function runOrderCaptures(
  container: MedusaContainer,
  orderId: string,
  options: RunOrderCapturesOptions = {}
): Promise<KlarnaCaptureRecord[]> {
  const tried = new Set<string>(options.passed)
  const results: KlarnaCaptureRecord[] = []
  for (;;) {
    const next = (await orderCaptureRecords(container, orderId)).find((r) => !tried.has(r.id) && due(r, options))
    if (!next) return results
    tried.add(next.id)
    const { result } = await processKlarnaCaptureWorkflow(container).run({
      input: {
        record_id: next.id,
        retry_failed: options.retry_failed,
        wait_ms: options.wait_ms,
        actor_id: options.actor_id,
      },
    })
    results.push(result.record)
    if (!result.claimed && result.record.status === "pending") return results
  }
}
