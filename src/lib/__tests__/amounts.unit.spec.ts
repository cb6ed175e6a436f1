import { BigNumber } from "@medusajs/utils"
import {
  currencyExponent,
  fromMinorUnits,
  minorToDecimalString,
  roundDiv,
  subtractMoney,
  toDecimal,
  toMinorUnits,
} from "../amounts"

describe("currencyExponent", () => {
  it.each([
    ["JPY", 0],
    ["jpy", 0],
    ["KRW", 0],
    ["ISK", 0],
    ["CLP", 0],
    ["VND", 0],
    ["BHD", 3],
    ["kwd", 3],
    ["OMR", 3],
    ["JOD", 3],
    ["TND", 3],
    ["IQD", 3],
    ["LYD", 3],
    ["EUR", 2],
    ["sek", 2],
    ["USD", 2],
    ["GBP", 2],
    ["NOK", 2],
  ])("%s → %i", (code, exp) => {
    expect(currencyExponent(code)).toBe(exp)
  })

  it("rejects what is not a currency code", () => {
    expect(() => currencyExponent("EURO")).toThrow(/currency/)
    expect(() => currencyExponent("")).toThrow(/currency/)
  })
})

describe("toDecimal", () => {
  const medusa = new BigNumber("84.9915")
  it.each<[string, unknown, string]>([
    ["a float Medusa stores", 98.9009, "98.9009"],
    ["a numeric string", "84.9915", "84.9915"],
    ["a raw BigNumber value with trailing zeros", { value: "84.991500000000000000", precision: 20 }, "84.9915"],
    ["a raw value given as a number", { value: 0.8415 }, "0.8415"],
    ["a Medusa BigNumber instance", medusa, "84.9915"],
    ["a Medusa BigNumber of a float", new BigNumber(98.9009), "98.9009"],
    ["an object with only numeric", { numeric: 134.833 }, "134.833"],
    ["an object with only toJSON", { toJSON: () => "49.843" }, "49.843"],
    ["a bignumber.js-like instance", { toFixed: () => "0.0000001", _isBigNumber: true }, "0.0000001"],
    ["1e-7", 1e-7, "0.0000001"],
    ["an exponent string", "1.5E3", "1500"],
    ["negative zero", -0, "0"],
    ["a negative string zero", "-0.000", "0"],
    ["0.1 + 0.2", 0.1 + 0.2, "0.30000000000000004"],
    ["a bigint", 12n, "12"],
    ["leading dot", ".5", "0.5"],
    ["negative", "-12.50", "-12.5"],
  ])("%s", (_, input, expected) => {
    expect(toDecimal(input as never)).toBe(expected)
  })

  it.each<[string, unknown]>([
    ["NaN", NaN],
    ["Infinity", Infinity],
    ["text", "12 SEK"],
    ["empty", ""],
    ["a dot", "."],
    ["null", null],
    ["an empty object", {}],
    ["a huge exponent", "1e100000"],
  ])("rejects %s", (_, input) => {
    expect(() => toDecimal(input as never)).toThrow()
  })
})

describe("toMinorUnits (half away from zero)", () => {
  it.each<[unknown, string, number]>([
    [84.9915, "SEK", 8499],
    [0.8415, "SEK", 84],
    [134.833, "SEK", 13483],
    [0.845, "EUR", 85],
    [-0.845, "EUR", -85],
    [0.844999, "EUR", 84],
    [1.005, "EUR", 101], // Math.round(1.005 * 100) is 100: float drift
    [98.9009, "EUR", 9890],
    [0.1 + 0.2, "EUR", 30],
    [1e-7, "EUR", 0],
    [-0, "EUR", 0],
    [1.5, "JPY", 2],
    [1000, "jpy", 1000],
    [1.2345, "KWD", 1235],
    [1.2344, "KWD", 1234],
    ["1e2", "USD", 10000],
    [{ value: "84.991500000000000000", precision: 20 }, "SEK", 8499],
    [new BigNumber("0.005"), "EUR", 1],
  ])("%p %s → %i", (amount, currency, minor) => {
    const result = toMinorUnits(amount as never, currency)
    expect(result).toBe(minor)
    expect(Object.is(result, -0)).toBe(false)
  })

  it("throws on NaN, non-finite and unsafe results", () => {
    expect(() => toMinorUnits(NaN, "EUR")).toThrow(/finite/)
    expect(() => toMinorUnits(-Infinity, "EUR")).toThrow(/finite/)
    expect(() => toMinorUnits("1e17", "EUR")).toThrow(/safe integer/)
    expect(() => toMinorUnits(Number.MAX_SAFE_INTEGER, "EUR")).toThrow(/safe integer/)
  })
})

describe("minor units back to major", () => {
  it.each<[number, string, string, number]>([
    [13483, "SEK", "134.83", 134.83],
    [5, "EUR", "0.05", 0.05],
    [-5, "EUR", "-0.05", -0.05],
    [0, "EUR", "0.00", 0],
    [500, "JPY", "500", 500],
    [1234, "KWD", "1.234", 1.234],
    [989009, "EUR", "9890.09", 9890.09],
  ])("%i %s → %s", (minor, currency, text, num) => {
    expect(minorToDecimalString(minor, currency)).toBe(text)
    expect(fromMinorUnits(minor, currency)).toBe(num)
  })

  it("round-trips through toMinorUnits", () => {
    for (const minor of [0, 1, 99, 13483, 123456789]) {
      for (const currency of ["EUR", "JPY", "KWD"]) {
        expect(toMinorUnits(minorToDecimalString(minor, currency), currency)).toBe(minor)
      }
    }
  })

  it("rejects non-integers", () => {
    expect(() => minorToDecimalString(1.5, "EUR")).toThrow(/integer/)
    expect(() => fromMinorUnits(NaN, "EUR")).toThrow(/integer/)
  })
})

describe("subtractMoney", () => {
  it.each<[unknown, unknown, string]>([
    [134.833, 84.99, "49.843"],
    ["134.833", { value: "134.833000000000000000", precision: 20 }, "0"],
    [0.3, 0.1, "0.2"],
    [new BigNumber("0.8415"), "1", "-0.1585"],
    [100, 0.001, "99.999"],
  ])("%p − %p = %s", (a, b, expected) => {
    expect(subtractMoney(a as never, b as never)).toBe(expected)
  })
})

describe("roundDiv", () => {
  it.each<[bigint, bigint, bigint]>([
    [5n, 10n, 1n],
    [4n, 10n, 0n],
    [15n, 10n, 2n],
    [-5n, 10n, -1n],
    [-4n, 10n, 0n],
    [5n, -10n, -1n],
    [7n, 2n, 4n],
    [-7n, 2n, -4n],
    [0n, 3n, 0n],
    [2n, 3n, 1n],
    [1n, 3n, 0n],
  ])("%p / %p → %p", (n, d, q) => {
    expect(roundDiv(n, d)).toBe(q)
  })

  it("refuses division by zero", () => {
    expect(() => roundDiv(1n, 0n)).toThrow(/zero/)
  })
})
