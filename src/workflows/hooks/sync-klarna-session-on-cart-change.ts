import { refreshPaymentCollectionForCartWorkflow } from "@medusajs/medusa/core-flows"
import { trySyncKlarnaSessionsForCart } from "../../utils/sync-klarna-sessions"

/**
 * Medusa refreshes a cart's payment collection after every change to its lines, promotions,
 * shipping or addresses, but only deletes the payment sessions when the total changed. A cart
 * edited to the same total would keep its old Klarna lines: this updates the Klarna session then.
 *
 * Medusa allows one handler per hook: a store that needs this hook too can call
 * `trySyncKlarnaSessionsForCart` from its own handler instead.
 */
refreshPaymentCollectionForCartWorkflow.hooks.validate(async ({ cart }, { container }) => {
  const id = (cart as { id?: string } | undefined)?.id
  if (id) await trySyncKlarnaSessionsForCart(container, id)
})
