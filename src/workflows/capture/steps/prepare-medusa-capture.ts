import { MathBN, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { MedusaContainer, PaymentDTO } from "@medusajs/framework/types"
import { minorToDecimalString, subtractMoney } from "../../../lib/amounts"
import { findKlarnaPayment } from "../../../utils/klarna-order-ref"
import { leaseMs } from "../lease"
import { klarnaModule } from "../../../modules/klarna"
import { medusaCaptureMarker } from "../record-store"
import type { SentCapture } from "./send-klarna-capture"

export interface MedusaCapturePlan {
  /** Medusa's capture of this record when it exists already (a retry after a crash) */
  existing_capture_id: string | null
  /** major units, exact; null: nothing to record */
  amount: string | null
  capture: { payment_id: string; amount: string; captured_by: string; is_captured: true } | null
}

/**
 * The payment that records this capture: the record's own, or when an order change made Medusa
 * cancel it while the capture was at Klarna, the order's live Klarna payment (the same Klarna
 * order, carried over to the collection Medusa opened). Medusa's capture of this record, if it
 * exists already, is looked for on both.
 */
async function paymentForCapture(container: MedusaContainer, record: SentCapture["record"], marker: string) {
  const payments = container.resolve(Modules.PAYMENT)
  const stored: PaymentDTO = await payments.retrievePayment(record.payment_id!, { relations: ["captures"] })
  const recordedHere = (stored.captures ?? []).some((c) => c.created_by === marker)
  if (!stored.canceled_at || recordedHere) return stored
  const live = (await findKlarnaPayment(container, record.order_id))?.payment
  if (!live?.id || live.id === stored.id) return stored
  return payments.retrievePayment(live.id, { relations: ["captures"] })
}

export const prepareMedusaCaptureStepId = "klarna-prepare-medusa-capture"
/**
 * What Medusa records for a capture Klarna made: its amount, or when Klarna's order is now fully
 * captured whatever amount of the payment remains (fractions below the minor unit included), so
 * the payment ends fully captured in both. Nothing when Medusa already has this record's capture.
 * The lease is renewed first: if it was lost (its holder stalled past expiry and another took
 * over), this holder stops here rather than record in Medusa a second time.
 */
export const prepareMedusaCaptureStep = createStep(
  prepareMedusaCaptureStepId,
  async (sent: SentCapture, { container }) => {
    const { record } = sent
    const marker = medusaCaptureMarker(record.id)
    const [held, payment] = await Promise.all([
      klarnaModule(container).renewCaptureLease(record.id, sent.owner, leaseMs()),
      paymentForCapture(container, record, marker),
    ])
    if (!held) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `The capture lease of ${record.id} was lost; another worker carries on`
      )
    }
    const existing = (payment.captures ?? []).find((c) => c.created_by === marker)
    if (existing) {
      return new StepResponse<MedusaCapturePlan>({
        existing_capture_id: existing.id,
        amount: String(existing.amount),
        capture: null,
      })
    }
    const captured = (payment.captures ?? []).reduce(
      (sum, c) => MathBN.add(sum, c.raw_amount ?? c.amount),
      MathBN.convert(0)
    )
    const amount = sent.completes_klarna_order
      ? subtractMoney(payment.raw_amount ?? payment.amount, captured.toString())
      : minorToDecimalString(Number(record.amount), record.currency_code)
    const capture =
      Number(amount) > 0 && !payment.captured_at
        ? { payment_id: payment.id, amount, captured_by: marker, is_captured: true as const }
        : null
    return new StepResponse<MedusaCapturePlan>({ existing_capture_id: null, amount, capture })
  }
)
