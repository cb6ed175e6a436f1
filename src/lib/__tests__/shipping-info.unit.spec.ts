import { buildShippingInfo } from "../shipping-info"

describe("buildShippingInfo", () => {
  const option = {
    id: "so_1",
    name: "PostNord Home",
    metadata: { klarna_shipping_company: "PostNord AB", klarna_shipping_method: "BoxReg" },
  }

  it("one entry per label with tracking number and URL", () => {
    const info = buildShippingInfo({
      shipping_option: option,
      labels: [
        { tracking_number: "TRK1", tracking_url: "https://track.example/TRK1" },
        { tracking_number: "TRK2", tracking_url: "not a url" },
      ],
    })
    expect(info).toEqual([
      {
        shipping_company: "PostNord AB",
        shipping_method: "BoxReg",
        tracking_number: "TRK1",
        tracking_uri: "https://track.example/TRK1",
      },
      { shipping_company: "PostNord AB", shipping_method: "BoxReg", tracking_number: "TRK2" },
    ])
  })

  it("the options' mapping wins: option id, then name, then provider", () => {
    expect(
      buildShippingInfo({ shipping_option: option }, { shipping_companies: { so_1: "DHL" } })[0].shipping_company
    ).toBe("DHL")
    expect(
      buildShippingInfo({ shipping_option: option }, { shipping_companies: { "PostNord Home": "Bring" } })[0]
        .shipping_company
    ).toBe("Bring")
    expect(
      buildShippingInfo(
        { shipping_option: { name: "X" }, provider_id: "manual_manual" },
        { shipping_companies: { manual_manual: "Budbee" } }
      )[0].shipping_company
    ).toBe("Budbee")
  })

  it("falls back to the option name and the default method; ignores an invalid metadata method", () => {
    const [info] = buildShippingInfo(
      { shipping_option: { name: "Express", metadata: { klarna_shipping_method: "Teleport" } } },
      { default_shipping_method: "Postal" }
    )
    expect(info).toEqual({ shipping_company: "Express", shipping_method: "Postal" })
  })

  it("keeps Klarna's length limits", () => {
    const [info] = buildShippingInfo({
      shipping_option: { name: "C".repeat(150) },
      labels: [{ tracking_number: "9".repeat(120), tracking_url: `https://t.example/${"x".repeat(1100)}` }],
    })
    expect(info.shipping_company).toHaveLength(100)
    expect(info.tracking_number).toHaveLength(100)
    expect(info.tracking_uri).toBeUndefined()
  })
})
