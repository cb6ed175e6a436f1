import { pathGlobMatches, takeFault } from "../faults"
import { canonicalJson } from "../kp-authorizations"
import type { Fault } from "../state"
import { fieldPath } from "../validate"

describe("fault path globs", () => {
  it("matches exact paths and * as one segment", () => {
    expect(pathGlobMatches("/payments/v1/sessions", "/payments/v1/sessions")).toBe(true)
    expect(pathGlobMatches("/ordermanagement/v1/orders/*/captures", "/ordermanagement/v1/orders/abc-1/captures")).toBe(
      true
    )
    expect(pathGlobMatches("/ordermanagement/v1/orders/*/captures", "/ordermanagement/v1/orders/a/b/captures")).toBe(
      false
    )
    expect(pathGlobMatches("/ordermanagement/v1/orders/*/captures", "/ordermanagement/v1/orders//captures")).toBe(false)
    expect(pathGlobMatches("/ordermanagement/v1/orders/*", "/ordermanagement/v1/orders/x/captures")).toBe(false)
    expect(pathGlobMatches("/a.b", "/aXb")).toBe(false)
  })

  it("takes the first matching fault and uses it up", () => {
    const fault = (id: string, extra: Partial<Fault> = {}): Fault => ({
      id,
      path: "/x/*",
      remaining: 1,
      status: 503,
      ...extra,
    })
    const faults = [fault("get-only", { method: "GET" }), fault("any")]
    expect(takeFault(faults, "POST", "/x/1")?.id).toBe("any")
    expect(takeFault(faults, "POST", "/x/1")).toBeUndefined()
    expect(takeFault(faults, "GET", "/x/1")?.id).toBe("get-only")
    const persistent = [fault("p", { remaining: Infinity })]
    for (let i = 0; i < 5; i++) expect(takeFault(persistent, "GET", "/x/y")?.id).toBe("p")
  })
})

describe("fieldPath", () => {
  it("turns JSON pointers into Klarna's field names", () => {
    expect(fieldPath("/order_lines/0/total_tax_amount")).toBe("order_lines[0].total_tax_amount")
    expect(fieldPath("/shipping_info/12/shipping_company")).toBe("shipping_info[12].shipping_company")
    expect(fieldPath("/billing_address/city")).toBe("billing_address.city")
    expect(fieldPath("")).toBe("")
  })
})

describe("canonicalJson", () => {
  it("ignores key order and undefined values, keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: undefined } })).toBe(canonicalJson({ a: { d: [2, 1] }, b: 1 }))
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }))
  })
})
