import fc from "fast-check"
import { storableJson, storableText } from "../storable-json"

// well-formed Unicode survives a UTF-8 round trip unchanged; a lone surrogate does not
const storable = (s: string) => !s.includes("\u0000") && Buffer.from(s, "utf8").toString("utf8") === s

describe("storableJson", () => {
  it("replaces NUL and lone surrogates, keeps everything else", () => {
    expect(storableText("a\u0000b")).toBe("a\ufffdb")
    expect(storableText("x\ud800")).toBe("x\ufffd")
    expect(storableText("\udc00y")).toBe("\ufffdy")
    expect(storableText("😀 ok\n\t")).toBe("😀 ok\n\t")
    expect(storableJson({ a: [1, "b\u0000", undefined, { "k\u0000": NaN }], u: undefined, d: new Date(0) })).toEqual({
      a: [1, "b\ufffd", null, { "k\ufffd": null }],
      d: "1970-01-01T00:00:00.000Z",
    })
  })

  it("any JSON-like value becomes one whose every string PostgreSQL stores", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: "binary" }), (v, s) => {
        const out = JSON.stringify(storableJson({ v, s, [s]: s }))
        const strings: string[] = []
        JSON.parse(out, (k, x) => {
          strings.push(k)
          if (typeof x === "string") strings.push(x)
          return x
        })
        return strings.every(storable)
      })
    )
  })
})
