import { resolveBaseUrl } from "../regions"

describe("resolveBaseUrl", () => {
  it.each([
    ["eu", "production", "https://api.klarna.com"],
    ["eu", "playground", "https://api.playground.klarna.com"],
    ["na", "production", "https://api-na.klarna.com"],
    ["na", "playground", "https://api-na.playground.klarna.com"],
    ["oc", "production", "https://api-oc.klarna.com"],
    ["oc", "playground", "https://api-oc.playground.klarna.com"],
  ] as const)("%s/%s → %s", (region, environment, url) => {
    expect(resolveBaseUrl({ region, environment })).toBe(url)
  })

  it("defaults to eu playground", () => {
    expect(resolveBaseUrl({})).toBe("https://api.playground.klarna.com")
    expect(resolveBaseUrl({ environment: "production" })).toBe("https://api.klarna.com")
    expect(resolveBaseUrl({ region: "na" })).toBe("https://api-na.playground.klarna.com")
  })

  it("lets an explicit baseUrl win and strips trailing slashes", () => {
    expect(resolveBaseUrl({ region: "na", environment: "production", baseUrl: "http://127.0.0.1:4010/" })).toBe(
      "http://127.0.0.1:4010"
    )
    expect(resolveBaseUrl({ baseUrl: "https://proxy.example/klarna//" })).toBe("https://proxy.example/klarna")
  })

  it("ignores an empty baseUrl", () => {
    expect(resolveBaseUrl({ region: "oc", baseUrl: "" })).toBe("https://api-oc.playground.klarna.com")
  })

  it("rejects bad values, naming the option", () => {
    expect(() => resolveBaseUrl({ region: "us" as never })).toThrow(/region/)
    expect(() => resolveBaseUrl({ environment: "test" as never })).toThrow(/environment/)
    expect(() => resolveBaseUrl({ baseUrl: "not a url" })).toThrow(/baseUrl/)
    expect(() => resolveBaseUrl({ baseUrl: "ftp://x.example" })).toThrow(/baseUrl/)
    expect(() => resolveBaseUrl({ baseUrl: "http://u:secret@x.example" })).toThrow(/credentials/)
    expect(() => resolveBaseUrl({ baseUrl: "http://x.example/?a=1" })).toThrow(/query/)
  })
})
