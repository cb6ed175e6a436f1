import { orderNeedsAuthorization } from "../needs-authorization"

const item = (quantity: number, shipped = 0, fulfilled = shipped) => ({
  quantity,
  detail: { shipped_quantity: shipped, fulfilled_quantity: fulfilled },
})

describe("orderNeedsAuthorization (does the extension job keep this Klarna authorization alive?)", () => {
  it("capture on shipment: while some unit is not shipped", () => {
    expect(orderNeedsAuthorization({ capture_on: "shipment", items: [item(2, 2), item(1, 0)], open_captures: 0 })).toBe(
      true
    )
    // fulfilled but not shipped: the capture comes with the shipment
    expect(orderNeedsAuthorization({ capture_on: "shipment", items: [item(2, 1, 2)], open_captures: 0 })).toBe(true)
    expect(orderNeedsAuthorization({ capture_on: "shipment", items: [item(2, 2), item(1, 1)], open_captures: 0 })).toBe(
      false
    )
  })

  it("capture on fulfillment: while some unit is not fulfilled", () => {
    expect(orderNeedsAuthorization({ capture_on: "fulfillment", items: [item(2, 0, 1)], open_captures: 0 })).toBe(true)
    expect(orderNeedsAuthorization({ capture_on: "fulfillment", items: [item(2, 0, 2)], open_captures: 0 })).toBe(false)
  })

  it("everything shipped, but a capture still pending or failed: it is retried against the authorization", () => {
    expect(orderNeedsAuthorization({ capture_on: "shipment", items: [item(1, 1)], open_captures: 1 })).toBe(true)
  })

  it("capture manual: always (the admin captures by hand)", () => {
    expect(orderNeedsAuthorization({ capture_on: "manual", items: [item(1, 1)], open_captures: 0 })).toBe(true)
    expect(orderNeedsAuthorization({ capture_on: "manual", items: [], open_captures: 0 })).toBe(true)
  })

  it("reads Medusa's BigNumber shapes and missing details", () => {
    const big = { quantity: { value: "3", precision: 20 }, detail: { shipped_quantity: { value: "3" } } }
    expect(orderNeedsAuthorization({ capture_on: "shipment", items: [big], open_captures: 0 })).toBe(false)
    expect(
      orderNeedsAuthorization({
        capture_on: "shipment",
        items: [{ quantity: 1, detail: null }, null],
        open_captures: 0,
      })
    ).toBe(true)
    // an order whose items were all edited away has nothing to ship
    expect(orderNeedsAuthorization({ capture_on: "shipment", items: [], open_captures: 0 })).toBe(false)
  })
})
