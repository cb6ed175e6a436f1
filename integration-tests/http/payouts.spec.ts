import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { getPayout, listPayouts } from "../../src/api/admin/klarna/queries"
import { KLARNA_MODULE } from "../../src/modules/klarna"
import { createAdminHeaders } from "../helpers/admin"
import { emulatorApi } from "../helpers/emulator-api"
import { KLARNA_TEST_PASSWORD, KLARNA_TEST_USERNAME, useKlarnaTestEnv } from "../helpers/klarna-env"
import { closeMcpClientsAfterEach, connectMcp, okOf, placeOrders } from "../helpers/mcp"

jest.setTimeout(240_000)

const env = useKlarnaTestEnv()
const emulator = emulatorApi(() => env.emulatorUrl)
const DAY = 24 * 60 * 60 * 1000
closeMcpClientsAfterEach()

/** Klarna's own API, as the merchant portal would use it (basic auth, straight to the emulator). */
const klarnaCall = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${env.emulatorUrl}${path}`, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`${KLARNA_TEST_USERNAME}:${KLARNA_TEST_PASSWORD}`).toString("base64")}`,
      "content-type": "application/json",
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`)
  return res
}

const closePayout = async (body: Record<string, unknown> = {}) => {
  const res = await fetch(`${env.emulatorUrl}/__emulator/settlements/payouts`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ currency: "SEK", ...body }),
  })
  if (!res.ok) throw new Error(`payout → ${res.status} ${await res.text()}`)
  return (await res.json()) as { payment_reference: string; totals: Record<string, number> }
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    const get = (path: string) => api.get(path, { headers, validateStatus: () => true })
    const post = (path: string, body: unknown = {}) => api.post(path, body, { headers, validateStatus: () => true })
    const sync = async () => {
      const res = await post("/admin/klarna/settlements/sync")
      expect(res.status).toBe(200)
      return res.data
    }
    const storedRows = async () => {
      const klarna = getContainer().resolve(KLARNA_MODULE) as any
      const [payouts, transactions] = await Promise.all([
        klarna.listKlarnaPayouts({}, { select: ["id", "payment_reference", "status"] }),
        klarna.listKlarnaPayoutTransactions({}, { select: ["id", "key", "discrepancy"] }),
      ])
      return {
        payouts: payouts.map((p: any) => p.id).sort(),
        transactions: transactions.map((t: any) => t.id).sort(),
      }
    }

    it("reconciles a payout of Medusa's captures and refund, and reports the one capture made at Klarna directly", async () => {
      const { place } = await placeOrders(api, getContainer, emulator)
      headers = (await createAdminHeaders(getContainer(), api)).headers
      const order = await place([
        { sku: "JACKET-M", quantity: 1 },
        { sku: "SCARF-GREY", quantity: 3 },
      ])

      // 1. the plugin's capture (admin route): one scarf and the shipping
      const planned = await post(`/admin/klarna/orders/${order.id}/captures`, {
        items: [{ line_item_id: order.items["SCARF-GREY"], quantity: 1 }],
      })
      expect(planned.status).toBe(201)
      const pluginCapture = planned.data.capture_record
      // 2. Medusa's own capture (the core admin "Capture"): through the provider
      const core = await post(`/admin/payments/${order.payment.id}/capture`, { amount: 100 })
      expect(core.status).toBe(200)
      const medusaCaptureIds: string[] = core.data.payment.captures.map((c: any) => c.id)
      const medusaCapture = core.data.payment.captures.find((c: any) => Number(c.amount) === 100)
      // 3. a Medusa refund
      const refunded = await post(`/admin/payments/${order.payment.id}/refund`, { amount: 20 })
      expect(refunded.status).toBe(200)
      const refund = refunded.data.payment.refunds[0]
      // 4. a capture made at Klarna directly (the merchant portal), which Medusa never hears of
      const direct = await klarnaCall("POST", `/ordermanagement/v1/orders/${order.klarna_order_id}/captures`, {
        captured_amount: 700,
      })
      const directCaptureId = direct.headers.get("capture-id")!
      expect(directCaptureId).toBeTruthy()

      const payout = await closePayout()
      const first = await sync()
      expect(first.accounts).toEqual([
        expect.objectContaining({
          provider_id: "pp_klarna_klarna",
          payouts: [{ payment_reference: payout.payment_reference, transactions: 10, status: "discrepancies" }],
        }),
      ])

      const list = await get("/admin/klarna/payouts")
      expect(list.status).toBe(200)
      expect(list.data).toMatchObject({ count: 1, limit: 20, offset: 0 })
      expect(list.data.payouts[0]).toMatchObject({
        payment_reference: payout.payment_reference,
        currency_code: "SEK",
        status: "discrepancies",
        sale_amount: payout.totals.sale_amount,
        fee_amount: payout.totals.fee_amount,
        settlement_amount: payout.totals.settlement_amount,
        transaction_count: 10,
        discrepancies: [],
      })

      const detail = await get(`/admin/klarna/payouts/${payout.payment_reference}`)
      expect(detail.status).toBe(200)
      const txs: any[] = detail.data.payout.transactions
      const withDiscrepancy = txs.filter((t) => t.discrepancy)
      expect(withDiscrepancy).toEqual([
        expect.objectContaining({
          type: "SALE",
          capture_id: directCaptureId,
          amount: 700,
          medusa_order_id: order.id,
          medusa_order_display_id: order.display_id,
          medusa_capture_id: null,
          discrepancy: { kind: "unknown_transaction", message: expect.stringContaining(directCaptureId) },
        }),
      ])
      const sales = txs.filter((t) => t.type === "SALE" && !t.discrepancy)
      expect(sales.map((t) => t.medusa_capture_id).sort()).toEqual(medusaCaptureIds.sort())
      expect(sales.find((t) => t.capture_id === pluginCapture.klarna_capture_id)?.capture_record_id).toBe(
        pluginCapture.id
      )
      expect(sales.find((t) => t.medusa_capture_id === medusaCapture.id)?.amount).toBe(10000)
      expect(txs.filter((t) => t.type === "RETURN")).toEqual([
        expect.objectContaining({
          amount: 2000,
          medusa_refund_id: refund.id,
          medusa_order_id: order.id,
          discrepancy: null,
        }),
      ])
      // Klarna's fees: a percentage and a fixed fee per sale
      expect(txs.filter((t) => t.type === "FEE")).toHaveLength(6)
      expect(txs.every((t) => t.medusa_order_id === order.id)).toBe(true)

      // the order's Klarna view names the payout of each capture and the refund
      const klarnaOrder = await get(`/admin/klarna/orders/${order.id}`)
      expect(klarnaOrder.status).toBe(200)
      const paidIn = { payment_reference: payout.payment_reference, payout_date: expect.any(String) }
      expect(klarnaOrder.data.payouts.captures).toHaveLength(3)
      expect(
        klarnaOrder.data.payouts.captures.every((c: any) => c.payout?.payment_reference === payout.payment_reference)
      ).toBe(true)
      expect(klarnaOrder.data.payouts.refunds).toEqual([{ refund_id: expect.any(String), payout: paidIn }])

      // the MCP tools read the same, with the discrepancy
      const mcp = await connectMcp(new URL(`${env.medusaUrl}/admin/klarna/mcp`), headers)
      const listed: any = okOf(await mcp.callTool({ name: "klarna-list-payouts", arguments: {} })).structuredContent
      expect(listed.payouts.map((p: any) => [p.payment_reference, p.status])).toEqual([
        [payout.payment_reference, "discrepancies"],
      ])
      const viaMcp: any = okOf(
        await mcp.callTool({ name: "klarna-get-payout", arguments: { payment_reference: payout.payment_reference } })
      ).structuredContent
      expect(viaMcp.payout.transactions.filter((t: any) => t.discrepancy).map((t: any) => t.capture_id)).toEqual([
        directCaptureId,
      ])

      // syncing again adds nothing and changes no row
      const before = await storedRows()
      expect(before.transactions).toHaveLength(10)
      const again = await sync()
      expect(again.accounts[0].payouts).toEqual([])
      expect(await storedRows()).toEqual(before)

      // a capture not paid out yet: shown as such on the order, and late after the overdue days
      const other = await place([{ sku: "STICKER-1", quantity: 2 }])
      const second = await post(`/admin/klarna/orders/${other.id}/captures`, {
        items: [{ line_item_id: other.items["STICKER-1"], quantity: 2 }],
      })
      expect(second.status).toBe(201)
      const unpaid = (await get(`/admin/klarna/orders/${other.id}`)).data.payouts.captures.find(
        (c: any) => c.capture_id === second.data.capture_record.klarna_capture_id
      )
      expect(unpaid).toEqual({ capture_id: second.data.capture_record.klarna_capture_id, payout: null })
      const today = await listPayouts(getContainer(), { limit: 20, offset: 0 })
      expect(today.unpaid_captures.count).toBe(0)
      const later = await listPayouts(getContainer(), { limit: 20, offset: 0 }, new Date(Date.now() + 15 * DAY))
      expect(later.unpaid_captures).toMatchObject({
        days: 14,
        count: 1,
        captures: [
          {
            klarna_capture_id: second.data.capture_record.klarna_capture_id,
            order_id: other.id,
            discrepancy: { kind: "capture_not_paid_out", message: expect.any(String) },
          },
        ],
      })

      // two workers syncing the next payout at once store it once
      const next = await closePayout()
      const [a, b] = await Promise.all([sync(), sync()])
      const synced = [...a.accounts[0].payouts, ...b.accounts[0].payouts]
      expect(synced.length).toBeGreaterThanOrEqual(1)
      expect(
        synced.every((p: any) => p.payment_reference === next.payment_reference && p.status === "reconciled")
      ).toBe(true)
      const after = await storedRows()
      expect(after.payouts).toHaveLength(2)
      expect(after.transactions).toHaveLength(10 + 3)
      const nextPayout = await getPayout(getContainer(), next.payment_reference)
      expect(nextPayout.payout).toMatchObject({ status: "reconciled", matched_count: 3, unmatched_count: 0 })

      // newest first, paginated
      const page = await get("/admin/klarna/payouts?limit=1&offset=0")
      expect(page.data).toMatchObject({ count: 2, limit: 1, offset: 0 })
      expect(page.data.payouts.map((p: any) => p.payment_reference)).toEqual([next.payment_reference])
      const reconciled = await get("/admin/klarna/payouts?status=reconciled")
      expect(reconciled.data.payouts.map((p: any) => p.payment_reference)).toEqual([next.payment_reference])
    })

    it("refuses bad input with 400 naming the field, an unknown payout with 404, and anyone but an admin with 401", async () => {
      headers = (await createAdminHeaders(getContainer(), api)).headers
      for (const [path, field] of [
        ["/admin/klarna/payouts?limit=0", "limit"],
        ["/admin/klarna/payouts?limit=abc", "limit"],
        ["/admin/klarna/payouts?offset=-1", "offset"],
        ["/admin/klarna/payouts?status=paid", "status"],
        ["/admin/klarna/payouts?currency_code=SEKK", "currency_code"],
        ["/admin/klarna/payouts?bogus=1", "bogus"],
      ]) {
        const res = await get(path)
        expect({ path, status: res.status }).toEqual({ path, status: 400 })
        expect(res.data.message).toContain(field)
      }
      const badSync = await post("/admin/klarna/settlements/sync", { provider_ids: ["pp_stripe"] })
      expect(badSync.status).toBe(400)
      expect(badSync.data.message).toContain("provider_ids")
      expect((await post("/admin/klarna/settlements/sync", { since: "yesterday" })).status).toBe(400)
      expect((await get("/admin/klarna/payouts/NO-SUCH-PAYOUT")).status).toBe(404)
      expect((await get("/admin/klarna/payouts/bad%20ref")).status).toBe(400)
      for (const [method, path] of [
        ["get", "/admin/klarna/payouts"],
        ["get", "/admin/klarna/payouts/X"],
        ["post", "/admin/klarna/settlements/sync"],
      ]) {
        const res =
          method === "get"
            ? await api.get(path, { validateStatus: () => true })
            : await api.post(path, {}, { validateStatus: () => true })
        expect({ path, status: res.status }).toEqual({ path, status: 401 })
      }
    })
  },
})
