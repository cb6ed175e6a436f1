import { capturableItems, selectionAmount, selectionToBody } from "../capturable"

const items = [
  { id: "li_jacket", title: "Rain Jacket", quantity: 1, total: 1299, detail: { fulfilled_quantity: 1 } },
  {
    id: "li_scarf",
    title: "Wool Scarf",
    variant_title: "Grey",
    quantity: 3,
    total: 84.9915,
    detail: { fulfilled_quantity: 0 },
  },
  { id: "li_sticker", title: "Sticker", quantity: "2", total: "1.98", detail: null },
]

describe("capture by hand: what is left and what it costs", () => {
  it("subtracts fulfilled or captured units, whichever is more", () => {
    const records = [
      { items: [{ line_item_id: "li_scarf", quantity: 1 }] },
      { items: [{ line_item_id: "li_sticker", quantity: 2 }] },
    ]
    const list = capturableItems(items, records)
    expect(list.map((i) => [i.id, i.available])).toEqual([
      ["li_jacket", 0],
      ["li_scarf", 2],
      ["li_sticker", 0],
    ])
    expect(list[1].subtitle).toBe("Grey")
  })

  it("counts failed records too (they are retried)", () => {
    const list = capturableItems(items, [{ items: [{ line_item_id: "li_scarf", quantity: 3 }] }])
    expect(list.find((i) => i.id === "li_scarf")!.available).toBe(0)
  })

  it("prices the selection with the line's total per unit (discounts, taxes included)", () => {
    const list = capturableItems(items, [])
    expect(selectionAmount(list, { li_scarf: 2, li_sticker: 1 })).toBeCloseTo((84.9915 / 3) * 2 + 0.99, 9)
    // never more than what is available
    expect(selectionAmount(list, { li_jacket: 1 })).toBe(0)
  })

  it("sends only positive whole quantities within what is left", () => {
    const list = capturableItems(items, [])
    expect(selectionToBody(list, { li_jacket: 1, li_scarf: 5, li_sticker: 1.7 })).toEqual([
      { line_item_id: "li_scarf", quantity: 3 },
      { line_item_id: "li_sticker", quantity: 1 },
    ])
  })
})
