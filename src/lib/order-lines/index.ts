export { buildOrderLines } from "./build-order-lines"
export { buildCaptureLines, remainingAmount, remainingUnits } from "./capture-lines"
export type { CaptureLinesInput, CaptureLinesResult } from "./capture-lines"
export {
  assertKlarnaArithmetic,
  findKlarnaArithmeticViolation,
  KlarnaArithmeticError,
  MAX_ORDER_LINES,
} from "./validate"
export type { ArithmeticOptions, KlarnaArithmeticViolation } from "./validate"
export { klarnaTaxAmount, taxRateBasisPoints } from "./tax"
export { SALES_TAX_SOURCE_ID } from "./types"
export type {
  KlarnaLineType,
  KlarnaOrderLine,
  LineItemSource,
  LineSource,
  OrderLinesResult,
  OrderLinesSource,
  ShippingMethodSource,
} from "./types"
export { authorizedLinesWithSources, fitRefundLines, refundLinesFor, returnLines } from "./refund-lines"
