import { MathBN, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { capturePaymentWorkflow } from "@medusajs/medusa/core-flows"
import { minorToDecimalString, subtractMoney } from "../../lib/amounts"
import { getKlarnaProvider } from "../../utils/klarna-provider-lookup"
import { updateCaptureRecord } from "../klarna-capture/record-store"
import type { KlarnaCaptureRecord } from "../klarna-capture/types"

/**
 * Records a capture Klarna made in Medusa, marked as already captured so Medusa doesn't call the
 * provider again (capture + order transaction + payment.captured, via Medusa's own workflow). When
 * Klarna's order is now fully captured, Medusa records whatever amount of the payment remains,
 * fractions below the minor unit included, so the payment ends fully captured in both.
 */
export const recordMedusaCaptureStep = createStep(
  "klarna-record-medusa-capture",
  async (record: KlarnaCaptureRecord | null, { container }) => {
    if (!record?.klarna_capture_id || record.medusa_capture_id || !record.payment_id) return new StepResponse(record)
    const marker = `klarna:${record.id}`
    const payments = container.resolve(Modules.PAYMENT)
    const load = () => payments.retrievePayment(record.payment_id!, { relations: ["captures"] })
    const payment: any = await load()
    let capture = (payment.captures ?? []).find((c: any) => c.created_by === marker)
    let medusaAmount = capture ? String(capture.amount) : undefined
    if (!capture) {
      const klarnaOrder = await getKlarnaProvider(container, record.provider_id).klarnaClient().getOrder(record.klarna_order_id)
      const captured = (payment.captures ?? []).reduce((sum: any, c: any) => MathBN.add(sum, c.raw_amount ?? c.amount), MathBN.convert(0))
      medusaAmount =
        klarnaOrder.captured_amount >= klarnaOrder.order_amount
          ? subtractMoney(payment.raw_amount ?? payment.amount, captured.toString())
          : minorToDecimalString(Number(record.amount), record.currency_code)
      if (Number(medusaAmount) > 0 && !payment.captured_at) {
        await capturePaymentWorkflow(container).run({
          input: { payment_id: payment.id, amount: medusaAmount, captured_by: marker, is_captured: true } as any,
        })
        capture = ((await load()) as any).captures?.find((c: any) => c.created_by === marker)
      }
    }
    return new StepResponse(
      await updateCaptureRecord(container, record.id, {
        medusa_capture_id: capture?.id ?? null,
        medusa_amount: medusaAmount ?? null,
        status: "succeeded",
        last_error: null,
      })
    )
  }
)
