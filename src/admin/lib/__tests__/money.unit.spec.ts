import { currencyExponent, formatMajor, formatMinor, majorToMinor, minorToMajor } from "../money"

// Intl puts a no-break space between code and amount
const plain = (s: string) => s.replace(/\s/g, " ")

describe("admin money helpers", () => {
  it("knows the minor-unit digits of a currency", () => {
    expect(currencyExponent("sek")).toBe(2)
    expect(currencyExponent("EUR")).toBe(2)
    expect(currencyExponent("jpy")).toBe(0)
    expect(currencyExponent("kwd")).toBe(3)
  })

  it("turns Klarna minor units into major units per currency", () => {
    expect(minorToMajor(134833, "sek")).toBe(1348.33)
    expect(minorToMajor(1500, "jpy")).toBe(1500)
    expect(minorToMajor(12345, "kwd")).toBe(12.345)
  })

  it("formats minor units in the order's currency with its digits", () => {
    expect(plain(formatMinor(141466, "sek", "en-US"))).toBe("SEK 1,414.66")
    expect(plain(formatMinor(0, "sek", "en-US"))).toBe("SEK 0.00")
    expect(plain(formatMinor(1500, "jpy", "en-US"))).toBe("¥1,500")
    expect(plain(formatMinor(12345, "kwd", "en-US"))).toBe("KWD 12.345")
    expect(plain(formatMinor(null, "sek"))).toBe("-")
  })

  it("formats Medusa's major amounts rounded to the minor unit", () => {
    expect(plain(formatMajor(84.9915, "sek", "en-US"))).toBe("SEK 84.99")
    expect(plain(formatMajor(undefined, "sek"))).toBe("-")
  })

  it("rounds major to minor without float drift", () => {
    expect(majorToMinor(1.005, "eur")).toBe(101)
    expect(majorToMinor(134.833, "sek")).toBe(13483)
    expect(majorToMinor(-0.015, "sek")).toBe(-2)
  })
})
