import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { syncKlarnaSessionsForCart } from "../../utils/sync-klarna-sessions"

/**
 * Runs before Medusa's POST /store/carts/:id/complete: the Klarna order is created from the cart's
 * current lines. If the cart changed after the shopper authorized, that authorization is for
 * another cart, so completion stops with a clear message and the shopper authorizes again.
 */
export async function resyncKlarnaBeforeComplete(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  try {
    const synced = await syncKlarnaSessionsForCart(req.scope, req.params.id)
    if (synced.some((s) => s.needs_authorization_again)) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "The cart changed after it was authorized with Klarna: the Klarna session now has the new cart, authorize again"
      )
    }
    next()
  } catch (e) {
    next(e)
  }
}
