import { randomUUID } from "node:crypto"
import type KlarnaModuleService from "../../modules/klarna/service"

/**
 * How long a capture lease lasts without renewal. Its holder renews it every third of that while it
 * works, so a crashed holder's record is free again within this time (env KLARNA_CAPTURE_LEASE_MS).
 */
export const leaseMs = () => Number(process.env.KLARNA_CAPTURE_LEASE_MS) || 30_000

const heartbeats = new Map<string, NodeJS.Timeout>()

export const newLeaseOwner = () => `${process.pid}:${randomUUID()}`

export function startLeaseHeartbeat(module: KlarnaModuleService, recordId: string, owner: string): void {
  const timer = setInterval(
    () => {
      module.renewCaptureLease(recordId, owner, leaseMs()).catch(() => undefined)
    },
    Math.max(leaseMs() / 3, 100)
  )
  timer.unref()
  heartbeats.set(owner, timer)
}

export async function endLease(module: KlarnaModuleService, recordId: string, owner: string): Promise<void> {
  clearInterval(heartbeats.get(owner))
  heartbeats.delete(owner)
  await module.releaseCaptureLease(recordId, owner)
}
