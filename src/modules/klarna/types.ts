import type { InferTypeOf } from "@medusajs/framework/types"
import type { KlarnaAction } from "./models/klarna-action"
import type { KlarnaCapture } from "./models/klarna-capture"
import type { KlarnaOrderOperation } from "./models/klarna-order-operation"

export type { CaptureError, CaptureItem } from "./capture-record-fields"

/** A capture record as the module returns it. */
export type KlarnaCaptureRecord = InferTypeOf<typeof KlarnaCapture>

/** An order operation record (`operation` holds a CancelOperation, in a text column). */
export type KlarnaOrderOperationRecord = InferTypeOf<typeof KlarnaOrderOperation>

/** A row of the admin action log. */
export type KlarnaActionRecord = InferTypeOf<typeof KlarnaAction>
