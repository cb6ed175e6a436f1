import { cancelOperationFor, isKlarnaOrderClosed } from "../cancel-operation"
import type { OmOrderStatus } from "../klarna/types"

const order = (status: OmOrderStatus, captured_amount: number, remaining_authorized_amount: number) => ({
  status,
  captured_amount,
  remaining_authorized_amount,
})

describe("cancelOperationFor", () => {
  it("cancels an order with nothing captured", () => {
    expect(cancelOperationFor(order("AUTHORIZED", 0, 5000))).toEqual({ operation: "cancel", needed: true })
  })
  it("releases what is left after a partial capture", () => {
    expect(cancelOperationFor(order("PART_CAPTURED", 8233, 206665))).toEqual({ operation: "release", needed: true })
  })
  it("does nothing for a fully captured order or one Klarna already ended", () => {
    expect(cancelOperationFor(order("CAPTURED", 5000, 0))).toEqual({ operation: "none", needed: false })
    expect(cancelOperationFor(order("EXPIRED", 0, 0))).toEqual({ operation: "none", needed: false })
    expect(cancelOperationFor(order("CLOSED", 5000, 0))).toEqual({ operation: "none", needed: false })
  })
  it("makes no second call: cancelled stays cancelled, released stays released", () => {
    expect(cancelOperationFor(order("CANCELLED", 0, 0))).toEqual({ operation: "cancel", needed: false })
    expect(cancelOperationFor(order("CAPTURED", 8233, 0)).needed).toBe(false)
  })
})

describe("isKlarnaOrderClosed", () => {
  it("is true for cancelled, closed, expired and released orders only", () => {
    expect(isKlarnaOrderClosed(order("CANCELLED", 0, 0))).toBe(true)
    expect(isKlarnaOrderClosed(order("CLOSED", 1, 0))).toBe(true)
    expect(isKlarnaOrderClosed(order("EXPIRED", 0, 5000))).toBe(true)
    expect(isKlarnaOrderClosed(order("CAPTURED", 8233, 0))).toBe(true)
    expect(isKlarnaOrderClosed(order("AUTHORIZED", 0, 5000))).toBe(false)
    expect(isKlarnaOrderClosed(order("PART_CAPTURED", 1, 4999))).toBe(false)
  })
})
