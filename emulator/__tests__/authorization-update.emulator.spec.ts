import { expectKlarnaError, line, orderPath, placeOrder, useTestEmulator } from "./helpers"

const env = useTestEmulator()
const { api, ctl } = env

const newOrder = async (options?: Parameters<typeof placeOrder>[2]) => (await placeOrder(api, ctl, options)).orderId
const getOrder = async (orderId: string) => (await api("GET", orderPath(orderId))).body
const patch = (orderId: string, body: unknown, key?: string) =>
  api("PATCH", orderPath(orderId, "/authorization"), body, key ? { "Klarna-Idempotency-Key": key } : {})

describe("PATCH /authorization: Klarna's risk decision on increases", () => {
  it("refuses an increase when the control says so, keeping the original authorization usable; decreases still apply", async () => {
    const orderId = await newOrder()
    const before = await getOrder(orderId)
    expect(before.order_amount).toBe(2200)
    const control = await ctl("POST", `/orders/${orderId}/authorization-increases`, { allow: false })
    expect(control.body.increases_allowed).toBe(false)

    expectKlarnaError(
      await patch(orderId, { order_amount: 3000, order_lines: [line(3000)] }),
      403,
      "NOT_ALLOWED",
      "risk assessment"
    )
    expect(await getOrder(orderId)).toMatchObject({
      status: "AUTHORIZED",
      order_amount: 2200,
      remaining_authorized_amount: 2200,
      order_lines: before.order_lines,
    })
    // the original authorization still captures
    expect((await api("POST", orderPath(orderId, "/captures"), { captured_amount: 2000 })).status).toBe(201)
    // a decrease is no increase: Klarna applies it
    expect((await patch(orderId, { order_amount: 2100, order_lines: [line(2100)] })).status).toBe(204)
    expect(await getOrder(orderId)).toMatchObject({ order_amount: 2100, remaining_authorized_amount: 100 })

    await ctl("POST", `/orders/${orderId}/authorization-increases`, { allow: true })
    expect((await patch(orderId, { order_amount: 2600, order_lines: [line(2600)] })).status).toBe(204)
    expect(await getOrder(orderId)).toMatchObject({ order_amount: 2600, remaining_authorized_amount: 600 })
  })

  it("the control checks its input and the order", async () => {
    const orderId = await newOrder()
    expect((await ctl("POST", `/orders/${orderId}/authorization-increases`, { allow: "no" })).status).toBe(400)
    expect((await ctl("POST", `/orders/nope/authorization-increases`, { allow: false })).status).toBe(404)
  })

  it("a replay with the same idempotency key returns the first answer and changes nothing", async () => {
    const orderId = await newOrder()
    expect((await patch(orderId, { order_amount: 1500, order_lines: [line(1500)] }, "edit-1")).status).toBe(204)
    expect((await patch(orderId, { order_amount: 1000, order_lines: [line(1000)] }, "edit-1")).status).toBe(204)
    expect((await getOrder(orderId)).order_amount).toBe(1500)
  })

  it("refuses while Klarna's fraud decision is pending", async () => {
    const orderId = await newOrder({ authorize: { fraud_status: "PENDING" } })
    expectKlarnaError(
      await patch(orderId, { order_amount: 100, order_lines: [line(100)] }),
      403,
      "NOT_ALLOWED",
      "PENDING"
    )
  })

  it("refuses a released order (nothing remains to update)", async () => {
    const orderId = await newOrder()
    await api("POST", orderPath(orderId, "/captures"), { captured_amount: 1000 })
    expect((await api("POST", orderPath(orderId, "/release-remaining-authorization"))).status).toBe(204)
    expectKlarnaError(await patch(orderId, { order_amount: 1500 }), 403, "NOT_ALLOWED", "fully captured")
  })
})
