import { MathBN } from "@medusajs/framework/utils"
import { toMinorUnits } from "../../lib/amounts"
import type { PaymentModuleServices } from "./payment-module-services"

/**
 * For Medusa's own "Capture" (the provider gets no amount): the amount of Medusa's capture row,
 * already committed when the provider is called, read through the payment module's services,
 * and whether it makes the payment fully captured. Undefined when the row can't be read.
 */
export async function medusaCaptureAmount(cradle: PaymentModuleServices, captureId: string, currency: string) {
  const { captureService, paymentService } = cradle
  if (!captureService?.retrieve || !paymentService?.retrieve) return undefined
  const capture = await captureService
    .retrieve(captureId, { select: ["id", "raw_amount", "payment_id"] })
    .catch(() => null)
  if (!capture) return undefined
  const payment = await paymentService.retrieve(capture.payment_id, {
    select: ["id", "raw_amount"],
    relations: ["captures.raw_amount"],
  })
  // summed exactly, then rounded once, as Medusa itself decides "fully captured"
  const captured = (payment.captures ?? []).reduce((sum, c) => MathBN.add(sum, c.raw_amount), MathBN.convert(0))
  return {
    minor: toMinorUnits(capture.raw_amount, currency),
    completesPayment: toMinorUnits(captured.toString(), currency) >= toMinorUnits(payment.raw_amount, currency),
  }
}
