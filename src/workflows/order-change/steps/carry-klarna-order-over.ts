import { Modules, PaymentSessionStatus } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { fromMinorUnits } from "../../../lib/amounts"
import { getKlarnaProvider } from "../../../utils/klarna-provider-lookup"
import type { OrderChangeState } from "./load-order-change"

/**
 * Medusa opened a new payment collection for the change (and canceled the old one's payment, only
 * in Medusa: see the provider's cancelPayment). The plugin pays it with the same Klarna order: a
 * Klarna session carrying the order over, authorized at once. What Klarna does not cover (an
 * increase it refused) stays outstanding in Medusa: the session is for what Klarna still holds.
 */
export const carryKlarnaOrderOverStepId = "klarna-carry-order-over"

export const carryKlarnaOrderOverStep = createStep(
  carryKlarnaOrderOverStepId,
  async (state: OrderChangeState | null, { container }) => {
    if (!state?.plan.carry_over.length) return new StepResponse({ carried: [] as string[] })
    const klarna = await getKlarnaProvider(container, state.provider_id).klarnaClient().getOrder(state.klarna_order_id)
    const payments = container.resolve(Modules.PAYMENT)
    const carried: string[] = []
    for (const c of state.plan.carry_over) {
      const remaining = klarna.remaining_authorized_amount
      if (remaining <= 0) continue
      // Medusa's exact amount (fractions below the minor unit kept) when Klarna covers it
      const amount = c.amount <= remaining ? c.medusa_amount : fromMinorUnits(remaining, state.currency_code)
      const [open] = await payments.listPaymentSessions({ payment_collection_id: c.collection_id })
      const session =
        open && open.provider_id === state.provider_id && open.data?.carried_over
          ? open
          : await payments.createPaymentSession(c.collection_id, {
              provider_id: state.provider_id,
              currency_code: state.currency_code,
              amount,
              data: { carried_order_id: state.klarna_order_id },
            })
      if (session.status !== PaymentSessionStatus.AUTHORIZED) await payments.authorizePaymentSession(session.id, {})
      carried.push(c.collection_id)
    }
    return new StepResponse({ carried })
  }
)
