import type { BigNumberRawValue } from "@medusajs/framework/types"

type Retrieve<T> = {
  retrieve: (id: string, config: { select?: string[]; relations?: string[] }) => Promise<T>
}

/** A Medusa payment, capture or refund row, as the provider reads it (amounts exact in `raw_amount`). */
export interface PaymentModuleRow {
  id: string
  payment_id: string
  created_at: Date | string
  amount?: BigNumberRawValue | number | string
  raw_amount: BigNumberRawValue
  /** refunds: the admin's note and reason */
  note?: string | null
  refund_reason?: { label?: string | null } | null
}

export interface PaymentRow {
  id: string
  payment_collection_id?: string
  raw_amount: BigNumberRawValue
  captures?: PaymentModuleRow[]
  refunds?: PaymentModuleRow[]
}

/**
 * The payment module's internal services, which Medusa puts in a payment provider's cradle (the
 * provider runs inside that module). Only what the provider reads of them is typed.
 */
export interface PaymentModuleServices {
  paymentService?: Retrieve<PaymentRow>
  captureService?: Retrieve<PaymentModuleRow>
  refundService?: Retrieve<PaymentModuleRow>
  paymentSessionService?: Retrieve<{ id: string; data?: Record<string, unknown> | null }>
}
