import { expectKlarnaError, line, orderPath, placeOrder, useTestEmulator } from "./helpers"

const env = useTestEmulator()
const { api, ctl } = env

const newOrder = async (options?: Parameters<typeof placeOrder>[2]) => (await placeOrder(api, ctl, options)).orderId
const capture = (orderId: string, body: Record<string, unknown>) => api("POST", orderPath(orderId, "/captures"), body)
const getOrder = async (orderId: string) => (await api("GET", orderPath(orderId))).body

describe("captures", () => {
  it("happy path: part capture, capture the rest → CAPTURED with the right amounts", async () => {
    const orderId = await newOrder()
    const first = await capture(orderId, {
      captured_amount: 2000,
      description: "Shipped 2 mugs",
      reference: "ful_1",
      order_lines: [line(2000)],
      shipping_info: [
        {
          shipping_company: "PostNord",
          shipping_method: "Home",
          tracking_number: "123",
          tracking_uri: "https://t.example/123",
        },
      ],
    })
    expect(first.status).toBe(201)
    expect(first.body).toBeUndefined()
    const captureId = first.headers.get("capture-id")!
    expect(captureId).toMatch(/^[0-9a-f-]{36}$/)
    expect(first.headers.get("location")).toBe(`${env.emulator.url}${orderPath(orderId, `/captures/${captureId}`)}`)

    let order = await getOrder(orderId)
    expect(order).toMatchObject({ status: "PART_CAPTURED", captured_amount: 2000, remaining_authorized_amount: 200 })

    expect((await capture(orderId, { captured_amount: 200 })).status).toBe(201)
    order = await getOrder(orderId)
    expect(order).toMatchObject({
      status: "CAPTURED",
      order_amount: 2200,
      captured_amount: 2200,
      remaining_authorized_amount: 0,
      refunded_amount: 0,
    })
    expect(order.captures.map((c: any) => c.klarna_reference)).toEqual([
      `${order.klarna_reference}-1`,
      `${order.klarna_reference}-2`,
    ])

    const one = await api("GET", orderPath(orderId, `/captures/${captureId}`))
    expect(one.body).toMatchObject({
      capture_id: captureId,
      captured_amount: 2000,
      description: "Shipped 2 mugs",
      reference: "ful_1",
      refunded_amount: 0,
      shipping_info: [{ shipping_company: "PostNord", tracking_number: "123" }],
    })
    expect(Date.parse(one.body.captured_at)).not.toBeNaN()
    const all = await api("GET", orderPath(orderId, "/captures"))
    expect(all.body.map((c: any) => c.captured_amount)).toEqual([2000, 200])
  })

  it("refuses capturing more than remaining_authorized_amount with 403 CAPTURE_NOT_ALLOWED", async () => {
    const orderId = await newOrder()
    expect((await capture(orderId, { captured_amount: 2000 })).status).toBe(201)
    const over = await capture(orderId, { captured_amount: 201 })
    expectKlarnaError(over, 403, "CAPTURE_NOT_ALLOWED", "remaining authorized amount")
    expect((await getOrder(orderId)).captured_amount).toBe(2000)
  })

  it("refuses captures on cancelled, expired and not-accepted orders", async () => {
    const cancelled = await newOrder()
    expect((await api("POST", orderPath(cancelled, "/cancel"))).status).toBe(204)
    expectKlarnaError(await capture(cancelled, { captured_amount: 100 }), 403, "CAPTURE_NOT_ALLOWED", "cancelled")

    const expired = await newOrder()
    await ctl("POST", `/orders/${expired}/expire`)
    expect((await getOrder(expired)).status).toBe("EXPIRED")
    expectKlarnaError(await capture(expired, { captured_amount: 100 }), 403, "CAPTURE_NOT_ALLOWED", "expired")

    const pending = await newOrder({ authorize: { fraud_status: "PENDING" } })
    expectKlarnaError(await capture(pending, { captured_amount: 100 }), 403, "CAPTURE_NOT_ALLOWED", "PENDING")
    await ctl("POST", `/orders/${pending}/fraud-status`, { fraud_status: "ACCEPTED" })
    expect((await capture(pending, { captured_amount: 100 })).status).toBe(201)
  })

  it("an expired part-captured order stays PART_CAPTURED but refuses further captures", async () => {
    const orderId = await newOrder()
    await capture(orderId, { captured_amount: 1000 })
    await ctl("POST", `/orders/${orderId}/expire`)
    expect((await getOrder(orderId)).status).toBe("PART_CAPTURED")
    expectKlarnaError(await capture(orderId, { captured_amount: 100 }), 403, "CAPTURE_NOT_ALLOWED", "expired")
  })

  it("checks capture order lines: arithmetic and Σ total_amount = captured_amount (400 naming the field)", async () => {
    const orderId = await newOrder()
    const wrongSum = await capture(orderId, { captured_amount: 1000, order_lines: [line(900)] })
    expectKlarnaError(wrongSum, 400, "BAD_VALUE", "captured_amount")
    const badTax = await capture(orderId, {
      captured_amount: 1000,
      order_lines: [line(500), { ...line(500), total_tax_amount: 50 }],
    })
    expectKlarnaError(badTax, 400, "BAD_VALUE", "order_lines[1].total_tax_amount")
    const badTotal = await capture(orderId, { captured_amount: 1000, order_lines: [{ ...line(1000), quantity: 2 }] })
    expectKlarnaError(badTotal, 400, "BAD_VALUE", "order_lines[0].total_amount")
    expect((await getOrder(orderId)).captured_amount).toBe(0)
  })

  it("validates capture bodies against the OM swagger", async () => {
    const orderId = await newOrder()
    expectKlarnaError(await capture(orderId, {}), 400, "BAD_VALUE", "captured_amount")
    expectKlarnaError(await capture(orderId, { captured_amount: "100" }), 400, "BAD_VALUE", "captured_amount")
    expectKlarnaError(await capture(orderId, { captured_amount: 0 }), 400, "BAD_VALUE", "captured_amount")
    expectKlarnaError(
      await capture(orderId, { captured_amount: 100, order_lines: [{ name: "x" }] }),
      400,
      "BAD_VALUE",
      "order_lines[0].quantity"
    )
    const badType = await capture(orderId, { captured_amount: 100, order_lines: [{ ...line(100), type: "physicalx" }] })
    expectKlarnaError(badType, 400, "BAD_VALUE", "order_lines[0].type")
    const badMethod = await capture(orderId, { captured_amount: 100, shipping_info: [{ shipping_method: "Teleport" }] })
    expectKlarnaError(badMethod, 400, "BAD_VALUE", "shipping_info[0].shipping_method")
    const longCompany = await capture(orderId, {
      captured_amount: 100,
      shipping_info: [{ shipping_company: "x".repeat(101) }],
    })
    expectKlarnaError(longCompany, 422, "UNPROCESSABLE_ENTITY", "shipping_info[0].shipping_company")
    const longDescription = await capture(orderId, { captured_amount: 100, description: "d".repeat(256) })
    expectKlarnaError(longDescription, 422, "UNPROCESSABLE_ENTITY", "description")
    const invalidJson = await fetch(`${env.emulator.url}${orderPath(orderId, "/captures")}`, {
      method: "POST",
      headers: {
        Authorization: `Basic ${Buffer.from("merchant_a:secret_a").toString("base64")}`,
        "Content-Type": "application/json",
      },
      body: "{not json",
    })
    expect(invalidJson.status).toBe(400)
    expect((await getOrder(orderId)).captured_amount).toBe(0)
  })

  it("accepts the newer shipping methods and order line types", async () => {
    const orderId = await newOrder()
    const reply = await capture(orderId, {
      captured_amount: 100,
      order_lines: [{ ...line(100), type: "return_fee" }],
      shipping_info: [
        { shipping_method: "PickUpWarehouse" },
        { shipping_method: "ClickCollect" },
        { shipping_method: "PalletDelivery" },
        { shipping_method: "Undefined" },
      ],
    })
    expect(reply.status).toBe(201)
  })

  it("404s: NO_SUCH_ORDER, NO_SUCH_CAPTURE", async () => {
    expectKlarnaError(await api("GET", orderPath("nope")), 404, "NO_SUCH_ORDER")
    expectKlarnaError(await capture("nope", { captured_amount: 1 }), 404, "NO_SUCH_ORDER")
    expectKlarnaError(await api("GET", orderPath("nope", "/captures")), 404, "NO_SUCH_ORDER")
    const orderId = await newOrder()
    expectKlarnaError(await api("GET", orderPath(orderId, "/captures/nope")), 404, "NO_SUCH_CAPTURE")
    expectKlarnaError(await api("POST", orderPath(orderId, "/captures/nope/trigger-send-out")), 404, "NO_SUCH_CAPTURE")
    expectKlarnaError(
      await api("POST", orderPath(orderId, "/captures/nope/shipping-info"), { shipping_info: [{}] }),
      404,
      "NO_SUCH_CAPTURE"
    )
    expectKlarnaError(
      await api("GET", orderPath(orderId, "/captures/nope/extend-due-date-options")),
      404,
      "NO_SUCH_CAPTURE"
    )
    expectKlarnaError(
      await api("PATCH", orderPath(orderId, "/captures/nope/extend-due-date"), { number_of_days: 14 }),
      404,
      "NO_SUCH_CAPTURE"
    )
  })
})

describe("capture follow-ups", () => {
  async function capturedOrder(paymentMethod = "INVOICE") {
    const orderId = await newOrder({ authorize: { payment_method: paymentMethod } })
    const reply = await capture(orderId, { captured_amount: 1000, shipping_info: [{ tracking_number: "A" }] })
    return { orderId, captureId: reply.headers.get("capture-id")! }
  }

  it("appends shipping info to a capture (204) and validates it", async () => {
    const { orderId, captureId } = await capturedOrder()
    const path = orderPath(orderId, `/captures/${captureId}/shipping-info`)
    const reply = await api("POST", path, { shipping_info: [{ shipping_company: "DHL", tracking_number: "B" }] })
    expect(reply.status).toBe(204)
    expect(reply.body).toBeUndefined()
    const got = await api("GET", orderPath(orderId, `/captures/${captureId}`))
    expect(got.body.shipping_info.map((s: any) => s.tracking_number)).toEqual(["A", "B"])
    expectKlarnaError(await api("POST", path, { shipping_info: [] }), 400, "BAD_VALUE", "shipping_info")
    expectKlarnaError(await api("POST", path, {}), 400, "BAD_VALUE", "shipping_info")
    expectKlarnaError(
      await api("POST", path, { shipping_info: [{ tracking_number: "n".repeat(101) }] }),
      422,
      "UNPROCESSABLE_ENTITY",
      "shipping_info[0].tracking_number"
    )
  })

  it("extends the due date of a pay-later capture once, with one of the offered options", async () => {
    const { orderId, captureId } = await capturedOrder("INVOICE")
    const options = await api("GET", orderPath(orderId, `/captures/${captureId}/extend-due-date-options`))
    expect(options.status).toBe(200)
    expect(options.body).toEqual({
      currency: "SEK",
      options: [
        { number_of_days: 14, amount: 295 },
        { number_of_days: 28, amount: 495 },
      ],
    })
    const path = orderPath(orderId, `/captures/${captureId}/extend-due-date`)
    expectKlarnaError(await api("PATCH", path, { number_of_days: 7 }), 403, "NOT_ALLOWED", "number_of_days")
    expectKlarnaError(await api("PATCH", path, {}), 400, "BAD_VALUE", "number_of_days")
    expect((await api("PATCH", path, { number_of_days: 28 })).status).toBe(204)
    const internal = await ctl("GET", `/orders/${orderId}`)
    expect(internal.body.captures[0].due_date_extended_days).toBe(28)
    expectKlarnaError(await api("PATCH", path, { number_of_days: 14 }), 403, "NOT_ALLOWED", "already")
    const after = await api("GET", orderPath(orderId, `/captures/${captureId}/extend-due-date-options`))
    expect(after.body.options).toEqual([])
  })

  it("offers no due-date extension for other payment methods", async () => {
    const { orderId, captureId } = await capturedOrder("FIXED_AMOUNT")
    const options = await api("GET", orderPath(orderId, `/captures/${captureId}/extend-due-date-options`))
    expect(options.body).toEqual({ currency: "SEK", options: [] })
    const reply = await api("PATCH", orderPath(orderId, `/captures/${captureId}/extend-due-date`), {
      number_of_days: 14,
    })
    expectKlarnaError(reply, 403, "NOT_ALLOWED")
  })

  it("triggers a send-out (204)", async () => {
    const { orderId, captureId } = await capturedOrder()
    const reply = await api("POST", orderPath(orderId, `/captures/${captureId}/trigger-send-out`))
    expect(reply.status).toBe(204)
    expect((await ctl("GET", `/orders/${orderId}`)).body.captures[0].send_outs).toBe(1)
  })
})

describe("refunds", () => {
  it("refunds up to captured − refunded, with Refund-Id and Location", async () => {
    const orderId = await newOrder()
    expectKlarnaError(
      await api("POST", orderPath(orderId, "/refunds"), { refunded_amount: 100 }),
      403,
      "REFUND_NOT_ALLOWED",
      "no captures"
    )
    await capture(orderId, { captured_amount: 1000 })
    await capture(orderId, { captured_amount: 500 })
    const refund = await api("POST", orderPath(orderId, "/refunds"), {
      refunded_amount: 1200,
      description: "Returned",
      order_lines: [line(1200)],
    })
    expect(refund.status).toBe(201)
    expect(refund.body).toBeUndefined()
    const refundId = refund.headers.get("refund-id")!
    expect(refund.headers.get("location")).toBe(`${env.emulator.url}${orderPath(orderId, `/refunds/${refundId}`)}`)
    const got = await api("GET", orderPath(orderId, `/refunds/${refundId}`))
    expect(got.body).toMatchObject({ refund_id: refundId, refunded_amount: 1200, description: "Returned" })
    const order = await getOrder(orderId)
    expect(order.refunded_amount).toBe(1200)
    expect(order.captures.map((c: any) => c.refunded_amount)).toEqual([1000, 200])
    expectKlarnaError(
      await api("POST", orderPath(orderId, "/refunds"), { refunded_amount: 301 }),
      403,
      "REFUND_NOT_ALLOWED"
    )
    expect((await api("POST", orderPath(orderId, "/refunds"), { refunded_amount: 300 })).status).toBe(201)
    expect((await getOrder(orderId)).refunded_amount).toBe(1500)
  })

  it("checks refund lines and body, and 404s unknown refunds with NOT_FOUND", async () => {
    const orderId = await newOrder()
    await capture(orderId, { captured_amount: 1000 })
    expectKlarnaError(
      await api("POST", orderPath(orderId, "/refunds"), { refunded_amount: 500, order_lines: [line(400)] }),
      400,
      "BAD_VALUE",
      "refunded_amount"
    )
    expectKlarnaError(await api("POST", orderPath(orderId, "/refunds"), {}), 400, "BAD_VALUE", "refunded_amount")
    expectKlarnaError(await api("GET", orderPath(orderId, "/refunds/nope")), 404, "NOT_FOUND")
    expect((await getOrder(orderId)).refunded_amount).toBe(0)
  })
})

describe("order-level operations", () => {
  it("cancels an order without captures → CANCELLED, remaining 0; refuses with captures or twice", async () => {
    const orderId = await newOrder()
    const reply = await api("POST", orderPath(orderId, "/cancel"))
    expect(reply.status).toBe(204)
    expect(await getOrder(orderId)).toMatchObject({ status: "CANCELLED", remaining_authorized_amount: 0 })
    expectKlarnaError(await api("POST", orderPath(orderId, "/cancel")), 403, "CANCEL_NOT_ALLOWED")

    const captured = await newOrder()
    await capture(captured, { captured_amount: 100 })
    expectKlarnaError(await api("POST", orderPath(captured, "/cancel")), 403, "CANCEL_NOT_ALLOWED", "captures")
    expect((await getOrder(captured)).status).toBe("PART_CAPTURED")
  })

  it("releases the remaining authorization only when part captured", async () => {
    const release = (id: string) => api("POST", orderPath(id, "/release-remaining-authorization"))
    const untouched = await newOrder()
    expectKlarnaError(await release(untouched), 403, "NOT_ALLOWED", "no captures")

    const full = await newOrder()
    await capture(full, { captured_amount: 2200 })
    expectKlarnaError(
      await release(full),
      403,
      "NOT_ALLOWED",
      "Order is fully captured. Remaining authorization cannot be released."
    )

    const part = await newOrder()
    await capture(part, { captured_amount: 700 })
    expect((await release(part)).status).toBe(204)
    expect(await getOrder(part)).toMatchObject({
      status: "CAPTURED",
      captured_amount: 700,
      remaining_authorized_amount: 0,
    })
    expectKlarnaError(await capture(part, { captured_amount: 1 }), 403, "CAPTURE_NOT_ALLOWED")
    expectKlarnaError(await release(part), 403, "NOT_ALLOWED")

    const cancelled = await newOrder()
    await api("POST", orderPath(cancelled, "/cancel"))
    expectKlarnaError(await release(cancelled), 403, "NOT_ALLOWED", "cancelled")
  })

  it("extends the authorization time by 28 days, never beyond 180 days after creation", async () => {
    const orderId = await newOrder()
    const extend = () => api("POST", orderPath(orderId, "/extend-authorization-time"))
    const created = Date.parse((await getOrder(orderId)).created_at)
    const daysLeft = async () => (Date.parse((await getOrder(orderId)).expires_at) - created) / 86_400_000
    expect(await daysLeft()).toBe(28)
    expect((await extend()).status).toBe(204)
    expect(await daysLeft()).toBe(56)
    for (let i = 0; i < 4; i++) await extend()
    expect(await daysLeft()).toBe(168)
    expect((await extend()).status).toBe(204)
    expect(await daysLeft()).toBe(180)
    expectKlarnaError(await extend(), 403, "NOT_ALLOWED", "180 days")

    const expired = await newOrder()
    await ctl("POST", `/orders/${expired}/expire`)
    expectKlarnaError(
      await api("POST", orderPath(expired, "/extend-authorization-time")),
      403,
      "NOT_ALLOWED",
      "expired"
    )
  })

  it("the expire control with in_days sets an expiry that extending moves by 28 days", async () => {
    const orderId = await newOrder()
    const expire = await ctl("POST", `/orders/${orderId}/expire`, { in_days: 2 })
    expect(expire.status).toBe(200)
    const before = Date.parse((await getOrder(orderId)).expires_at)
    expect(before - Date.now()).toBeGreaterThan(2 * 86_400_000 - 5000)
    expect((await getOrder(orderId)).status).toBe("AUTHORIZED")
    await api("POST", orderPath(orderId, "/extend-authorization-time"))
    expect(Date.parse((await getOrder(orderId)).expires_at) - before).toBe(28 * 86_400_000)
  })

  it("updates the authorization amount and lines; refuses below captured, cancelled and expired", async () => {
    const patch = (id: string, body: unknown) => api("PATCH", orderPath(id, "/authorization"), body)
    const orderId = await newOrder()
    await capture(orderId, { captured_amount: 1000 })
    expect(
      (await patch(orderId, { order_amount: 2500, description: "Added charger", order_lines: [line(2500)] })).status
    ).toBe(204)
    expect(await getOrder(orderId)).toMatchObject({
      order_amount: 2500,
      original_order_amount: 2200,
      remaining_authorized_amount: 1500,
      order_lines: [line(2500)],
    })
    expectKlarnaError(await patch(orderId, { order_amount: 999 }), 403, "NOT_ALLOWED", "lower than the captured amount")
    expectKlarnaError(
      await patch(orderId, { order_amount: 2500, order_lines: [line(2400)] }),
      400,
      "BAD_VALUE",
      "order_amount"
    )
    expectKlarnaError(await patch(orderId, {}), 400, "BAD_VALUE", "order_amount")
    expect((await patch(orderId, { order_amount: 1000 })).status).toBe(204)
    expect((await getOrder(orderId)).status).toBe("CAPTURED")
    expectKlarnaError(await patch(orderId, { order_amount: 1200 }), 403, "NOT_ALLOWED", "fully captured")

    const cancelled = await newOrder()
    await api("POST", orderPath(cancelled, "/cancel"))
    expectKlarnaError(await patch(cancelled, { order_amount: 100 }), 403, "NOT_ALLOWED", "cancelled")
    const expired = await newOrder()
    await ctl("POST", `/orders/${expired}/expire`)
    expectKlarnaError(await patch(expired, { order_amount: 100 }), 403, "NOT_ALLOWED", "expired")
  })

  it("updates merchant references and customer details", async () => {
    const orderId = await newOrder()
    expect(
      (
        await api("PATCH", orderPath(orderId, "/merchant-references"), {
          merchant_reference1: "1002",
          merchant_reference2: "int-7",
        })
      ).status
    ).toBe(204)
    const address = { given_name: "Klara", family_name: "Joyce", city: "Stockholm", country: "SE" }
    expect((await api("PATCH", orderPath(orderId, "/customer-details"), { shipping_address: address })).status).toBe(
      204
    )
    expect(await getOrder(orderId)).toMatchObject({
      merchant_reference1: "1002",
      merchant_reference2: "int-7",
      shipping_address: address,
    })
    expectKlarnaError(
      await api("PATCH", orderPath(orderId, "/merchant-references"), { merchant_reference1: "r".repeat(256) }),
      422,
      "UNPROCESSABLE_ENTITY",
      "merchant_reference1"
    )
    expectKlarnaError(
      await api("PATCH", orderPath(orderId, "/customer-details"), { billing_address: { postal_code: 12345 } }),
      400,
      "BAD_VALUE",
      "billing_address.postal_code"
    )
    await api("POST", orderPath(orderId, "/cancel"))
    expectKlarnaError(
      await api("PATCH", orderPath(orderId, "/merchant-references"), { merchant_reference1: "x" }),
      403,
      "NOT_ALLOWED"
    )
  })

  it("acknowledges (204) and takes order-level shipping info", async () => {
    const orderId = await newOrder()
    expect((await api("POST", orderPath(orderId, "/acknowledge"))).status).toBe(204)
    const shipping = await api("POST", orderPath(orderId, "/shipping-info"), {
      shipping_info: [{ shipping_company: "DHL", tracking_number: "X1" }],
    })
    expect(shipping.status).toBe(204)
    const internal = (await ctl("GET", `/orders/${orderId}`)).body
    expect(internal.acknowledged).toBe(true)
    expect(internal.order_shipping_info).toEqual([{ shipping_company: "DHL", tracking_number: "X1" }])
    expectKlarnaError(
      await api("POST", orderPath("nope", "/shipping-info"), { shipping_info: [{}] }),
      404,
      "NO_SUCH_ORDER"
    )
    expectKlarnaError(await api("POST", orderPath(orderId, "/shipping-info"), {}), 400, "BAD_VALUE")
  })

  it("every order-level endpoint answers 404 NO_SUCH_ORDER for unknown orders", async () => {
    const calls: [string, string, unknown?][] = [
      ["POST", "/cancel"],
      ["POST", "/release-remaining-authorization"],
      ["POST", "/extend-authorization-time"],
      ["PATCH", "/authorization", { order_amount: 1 }],
      ["PATCH", "/merchant-references", {}],
      ["PATCH", "/customer-details", {}],
      ["POST", "/acknowledge"],
      ["POST", "/refunds", { refunded_amount: 1 }],
      ["GET", "/refunds/x"],
    ]
    for (const [method, rest, body] of calls) {
      expectKlarnaError(await api(method, orderPath("nope", rest), body), 404, "NO_SUCH_ORDER")
    }
  })

  it("unknown paths are 404 and wrong methods 405, with Klarna's error body", async () => {
    expectKlarnaError(await api("GET", "/ordermanagement/v1/nothing"), 404, "NOT_FOUND")
    expectKlarnaError(await api("DELETE", orderPath("x")), 405, "METHOD_NOT_ALLOWED")
  })
})

describe("copying an order (a store copied in bulk)", () => {
  it("holds the same order under another id, independent of the original; refuses a taken id", async () => {
    const original = await newOrder()
    const copyId = "0b3c8f1e-0000-4000-8000-000000000001"
    const reply = await ctl("POST", `/orders/${original}/copy`, { order_id: copyId, merchant_reference2: "order_copy" })
    expect(reply.status).toBe(200)
    const copy = await getOrder(copyId)
    const before = await getOrder(original)
    expect(copy).toMatchObject({
      order_id: copyId,
      status: before.status,
      order_amount: before.order_amount,
      order_lines: before.order_lines,
      merchant_reference2: "order_copy",
    })
    expect(copy.klarna_reference).not.toBe(before.klarna_reference)
    await capture(copyId, { captured_amount: 100 })
    expect((await getOrder(copyId)).status).toBe("PART_CAPTURED")
    expect((await getOrder(original)).status).toBe(before.status)
    expect((await ctl("POST", `/orders/${original}/copy`, { order_id: copyId })).status).toBe(400)
  })
})
