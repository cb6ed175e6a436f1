import type { KlarnaOrderLine } from "../types"
import { assertKlarnaArithmetic, findKlarnaArithmeticViolation, KlarnaArithmeticError } from "../validate"

const lines = (): KlarnaOrderLine[] => [
  {
    type: "physical",
    reference: "a",
    name: "Mug",
    quantity: 3,
    unit_price: 3333,
    tax_rate: 2500,
    total_amount: 8499,
    total_discount_amount: 1500,
    total_tax_amount: 1700,
  },
  {
    type: "physical",
    name: "Sticker",
    quantity: 1,
    unit_price: 99,
    tax_rate: 2500,
    total_amount: 84,
    total_discount_amount: 15,
    total_tax_amount: 17,
  },
  {
    type: "shipping_fee",
    name: "PostNord",
    quantity: 1,
    unit_price: 4900,
    tax_rate: 2500,
    total_amount: 4900,
    total_discount_amount: 0,
    total_tax_amount: 980,
  },
]

function pathOf(mutate: (l: KlarnaOrderLine[]) => void, amount = 13483, tax: number | null = 2697): string | undefined {
  const l = lines()
  mutate(l)
  return findKlarnaArithmeticViolation(l, amount, tax ?? undefined)?.path
}

describe("assertKlarnaArithmetic", () => {
  it("accepts valid lines", () => {
    expect(findKlarnaArithmeticViolation(lines(), 13483, 2697)).toBeNull()
    expect(() => assertKlarnaArithmetic(lines(), 13483, 2697)).not.toThrow()
    expect(() => assertKlarnaArithmetic(lines(), 13483)).not.toThrow()
  })

  it.each<[string, (l: KlarnaOrderLine[]) => void, string]>([
    [
      "total ≠ q × unit − discount",
      (l) => {
        l[1].total_amount = 85
      },
      "order_lines[1].total_amount",
    ],
    [
      "tax off by 2",
      (l) => {
        l[2].total_tax_amount = 982
      },
      "order_lines[2].total_tax_amount",
    ],
    [
      "negative discount",
      (l) => {
        l[0].total_discount_amount = -1
        l[0].total_amount = 10000
      },
      "order_lines[0].total_discount_amount",
    ],
    [
      "fractional quantity",
      (l) => {
        l[0].quantity = 1.5
      },
      "order_lines[0].quantity",
    ],
    [
      "fractional unit price",
      (l) => {
        l[1].unit_price = 99.5
      },
      "order_lines[1].unit_price",
    ],
    [
      "tax rate above 100 %",
      (l) => {
        l[2].tax_rate = 10001
      },
      "order_lines[2].tax_rate",
    ],
    [
      "empty name",
      (l) => {
        l[1].name = " "
      },
      "order_lines[1].name",
    ],
    [
      "long reference",
      (l) => {
        l[0].reference = "r".repeat(256)
      },
      "order_lines[0].reference",
    ],
    [
      "long image url",
      (l) => {
        l[0].image_url = "https://x/" + "a".repeat(1020)
      },
      "order_lines[0].image_url",
    ],
    [
      "unknown type",
      (l) => {
        ;(l[0] as { type: string }).type = "coupon"
      },
      "order_lines[0].type",
    ],
    [
      "quantity above Klarna's maximum",
      (l) => {
        l[0].quantity = 100001
      },
      "order_lines[0].quantity",
    ],
  ])("reports %s", (_, mutate, path) => {
    expect(pathOf(mutate)).toBe(path)
  })

  it("reports order_amount and order_tax_amount mismatches", () => {
    expect(pathOf(() => {}, 13484)).toBe("order_amount")
    expect(pathOf(() => {}, 13483, 2696)).toBe("order_tax_amount")
    expect(findKlarnaArithmeticViolation(lines(), 13482, undefined, { amountField: "captured_amount" })?.path).toBe(
      "captured_amount"
    )
    expect(findKlarnaArithmeticViolation([], 0)?.path).toBe("order_lines")
  })

  it("tax tolerance is exactly ±1 of the formula", () => {
    // 8499 × 2500 / 12500 = 1699.8 → 1698.8..1700.8 allowed
    expect(
      pathOf(
        (l) => {
          l[0].total_tax_amount = 1699
        },
        13483,
        null
      )
    ).toBeUndefined()
    expect(
      pathOf(
        (l) => {
          l[0].total_tax_amount = 1698
        },
        13483,
        null
      )
    ).toBe("order_lines[0].total_tax_amount")
    // 4900 × 2500 / 12500 = 980 exactly → 979 and 981 allowed, 982 not
    expect(
      pathOf(
        (l) => {
          l[2].total_tax_amount = 979
        },
        13483,
        null
      )
    ).toBeUndefined()
    expect(
      pathOf(
        (l) => {
          l[2].total_tax_amount = 981
        },
        13483,
        null
      )
    ).toBeUndefined()
    expect(
      pathOf(
        (l) => {
          l[2].total_tax_amount = 978
        },
        13483,
        null
      )
    ).toBe("order_lines[2].total_tax_amount")
  })

  it("a sales_tax line carries its whole amount as tax at rate 0", () => {
    const us: KlarnaOrderLine[] = [
      {
        type: "physical",
        name: "Hat",
        quantity: 1,
        unit_price: 1000,
        tax_rate: 0,
        total_amount: 1000,
        total_discount_amount: 0,
        total_tax_amount: 0,
      },
      {
        type: "sales_tax",
        name: "Sales tax",
        quantity: 1,
        unit_price: 89,
        tax_rate: 0,
        total_amount: 89,
        total_discount_amount: 0,
        total_tax_amount: 89,
      },
    ]
    expect(findKlarnaArithmeticViolation(us, 1089, 89)).toBeNull()
    expect(findKlarnaArithmeticViolation([us[0], { ...us[1], total_tax_amount: 0 }], 1089)?.path).toBe(
      "order_lines[1].total_tax_amount"
    )
    expect(findKlarnaArithmeticViolation([us[0], { ...us[1], tax_rate: 100 }], 1089)?.path).toBe(
      "order_lines[1].tax_rate"
    )
  })

  it("throws a KlarnaArithmeticError with the path", () => {
    const l = lines()
    l[1].total_tax_amount = 20
    expect(() => assertKlarnaArithmetic(l, 13483)).toThrow(KlarnaArithmeticError)
    expect(() => assertKlarnaArithmetic(l, 13483)).toThrow(/^order_lines\[1\]\.total_tax_amount: must be within ±1/)
  })
})
