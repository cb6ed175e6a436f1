export type { KlarnaOrderOperationRecord } from "../../modules/klarna/types"

/** The record key of "this Medusa order was canceled": one per order, whatever canceled it. */
export const orderCanceledKey = (orderId: string) => `order-canceled:${orderId}`
