import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { getKlarnaProvider, isKlarnaProviderId } from "../../utils/klarna-provider-lookup"
import { buildKlarnaCartSnapshot } from "../../utils/klarna-session-request"
import { ORDER_LINES_FIELDS } from "../../utils/order-lines-source"
import { queryRows } from "../../utils/query-rows"

/** A cart as ORDER_LINES_FIELDS reads it. */
type KlarnaCartRow = Parameters<typeof buildKlarnaCartSnapshot>[0]

/**
 * Runs before Medusa's own POST /store/payment-collections/:id/payment-sessions. Medusa hands a
 * payment provider no cart, so for Klarna providers this replaces the browser's `data` entirely
 * with the cart as the server knows it (lines, amounts, addresses). Nothing the browser sends in
 * `data` reaches the provider.
 */
export async function attachKlarnaCart(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  try {
    const body = (req.body ?? {}) as { provider_id?: string; data?: unknown }
    if (!isKlarnaProviderId(body.provider_id)) return next()
    const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data: links } = await query.graph({
      entity: "cart_payment_collection",
      fields: ["cart_id"],
      filters: { payment_collection_id: req.params.id },
    })
    const cartId = links[0]?.cart_id
    if (!cartId) throw new MedusaError(MedusaError.Types.NOT_FOUND, `No cart for payment collection ${req.params.id}`)
    const carts = await queryRows<KlarnaCartRow>(query, {
      entity: "cart",
      fields: ORDER_LINES_FIELDS,
      filters: { id: cartId },
    })
    const provider = getKlarnaProvider(req.scope, body.provider_id)
    let snapshot
    try {
      snapshot = buildKlarnaCartSnapshot(carts[0], provider.options.product_url_base)
    } catch (e) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Cannot create a Klarna session for this cart: ${(e as Error).message}`
      )
    }
    body.data = { klarna_cart: snapshot }
    req.body = body
    next()
  } catch (e) {
    next(e)
  }
}
