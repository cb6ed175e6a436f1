import type { UpdatePaymentDTO } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { authorizedLinesWithSources, returnLines } from "../../../lib/order-lines"
import { returnNotes, type KlarnaReturnNote } from "../../../providers/klarna/return-refunds"
import { getKlarnaProvider } from "../../../utils/klarna-provider-lookup"
import { loadKlarnaOrderContext } from "../../common/order-context"

export const noteKlarnaReturnStepId = "klarna-note-return-step"
/**
 * A received return, noted on the Klarna payment's data with the Klarna lines of the returned
 * units, so the refund Medusa then makes carries them (the provider gets only an amount). The
 * lines are cut from Klarna's authorized lines like captures are; when the returned items can't
 * be matched to them, nothing is noted and the refund stays amount-only.
 */
export const noteKlarnaReturnStep = createStep(
  noteKlarnaReturnStepId,
  async (input: { order_id: string; return_id: string }, { container }) => {
    const context = await loadKlarnaOrderContext(container, input.order_id)
    const payment = context?.payment
    if (!payment?.data?.order_id) return new StepResponse(null)
    const notes = returnNotes(payment.data)
    if (notes.some((n) => n.return_id === input.return_id)) return new StepResponse(null)
    const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
      entity: "return",
      fields: ["id", "items.item_id", "items.received_quantity"],
      filters: { id: input.return_id },
    })
    const returned: Record<string, number> = {}
    for (const i of data[0]?.items ?? []) {
      const n = Number(i.received_quantity ?? 0)
      if (n > 0) returned[i.item_id] = (returned[i.item_id] ?? 0) + n
    }
    if (!Object.keys(returned).length) return new StepResponse(null)
    const klarnaOrder = await getKlarnaProvider(container, payment.provider_id)
      .klarnaClient()
      .getOrder(payment.data.order_id)
    const authorized = authorizedLinesWithSources(klarnaOrder.order_lines, context!.order.items ?? [])
    if (!authorized) return new StepResponse(null)
    const already: Record<string, number> = {}
    for (const n of notes) for (const [id, q] of Object.entries(n.items)) already[id] = (already[id] ?? 0) + q
    let note: KlarnaReturnNote
    try {
      note = { return_id: input.return_id, items: returned, ...returnLines(authorized, already, returned) }
    } catch {
      return new StepResponse(null) // e.g. an item Klarna has no line for, or more units than bought
    }
    // UpdatePaymentDTO omits `data`, but the payment module persists it
    await container.resolve(Modules.PAYMENT).updatePayment({
      id: payment.id,
      data: { ...payment.data, klarna_returns: [...notes, note] },
    } as UpdatePaymentDTO)
    return new StepResponse(note)
  }
)
