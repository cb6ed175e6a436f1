import { emptyShippingInfoForm, safeTrackingUrl, validateShippingInfo } from "../shipping-info"

const form = (over: Partial<ReturnType<typeof emptyShippingInfoForm>>) => ({ ...emptyShippingInfoForm(), ...over })

describe("shipping info form (Klarna's rules, before sending)", () => {
  it("sends only the filled-in fields, trimmed", () => {
    expect(validateShippingInfo(form({ shipping_company: " PostNord ", tracking_number: "PN1" }))).toEqual({
      value: { shipping_company: "PostNord", tracking_number: "PN1" },
      errors: {},
    })
  })

  it("accepts all four fields at their limits", () => {
    const r = validateShippingInfo(
      form({
        shipping_company: "c".repeat(100),
        shipping_method: "PickUpPoint",
        tracking_number: "n".repeat(100),
        tracking_uri: `https://t.example/${"u".repeat(1024 - 18)}`,
      })
    )
    expect(r.errors).toEqual({})
    expect(r.value?.tracking_uri).toHaveLength(1024)
  })

  it("refuses an empty form", () => {
    expect(validateShippingInfo(form({ shipping_company: "  " })).errors).toEqual({
      form: "Fill in at least one field",
    })
  })

  it("refuses overlong company and tracking number", () => {
    const { value, errors } = validateShippingInfo(
      form({ shipping_company: "c".repeat(101), tracking_number: "n".repeat(101) })
    )
    expect(value).toBeUndefined()
    expect(errors.shipping_company).toMatch(/100/)
    expect(errors.tracking_number).toMatch(/100/)
  })

  it("wants the tracking URI to be an http(s) URL of at most 1024 characters", () => {
    expect(validateShippingInfo(form({ tracking_uri: "tracking.example/1" })).errors.tracking_uri).toMatch(/URL/)
    expect(validateShippingInfo(form({ tracking_uri: "javascript:alert(1)" })).errors.tracking_uri).toMatch(/URL/)
    expect(
      validateShippingInfo(form({ tracking_uri: `https://t.example/${"u".repeat(1024)}` })).errors.tracking_uri
    ).toMatch(/1024/)
  })

  it("only takes Klarna's shipping methods", () => {
    expect(validateShippingInfo(form({ shipping_method: "Drone" })).errors.shipping_method).toBeTruthy()
    expect(validateShippingInfo(form({ shipping_method: "Home" })).value).toEqual({ shipping_method: "Home" })
  })

  it("links only http(s) tracking URIs", () => {
    expect(safeTrackingUrl("https://t.example/1")).toBe("https://t.example/1")
    expect(safeTrackingUrl("javascript:alert(1)")).toBeUndefined()
    expect(safeTrackingUrl(undefined)).toBeUndefined()
  })
})
