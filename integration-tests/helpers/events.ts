import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { TestEventUtils } from "@medusajs/test-utils"

/**
 * Runs `action` and resolves once every subscriber of `eventName` (the plugin's included) has
 * finished with the event it emitted: after it, "the subscriber did nothing" can be asserted
 * without guessing how long it takes.
 */
export async function afterSubscribersOf<T>(
  container: MedusaContainer,
  eventName: string,
  action: () => Promise<T>
): Promise<T> {
  const handled = TestEventUtils.waitSubscribersExecution(eventName, container.resolve(Modules.EVENT_BUS))
  handled.catch(() => undefined) // awaited below; not unhandled if `action` throws first
  const result = await action()
  await handled
  return result
}
