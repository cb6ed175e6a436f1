import { AbstractPaymentProvider, MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import type {
  AuthorizePaymentInput,
  AuthorizePaymentOutput,
  BigNumberInput,
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  DeletePaymentInput,
  DeletePaymentOutput,
  GetPaymentStatusInput,
  GetPaymentStatusOutput,
  InitiatePaymentInput,
  InitiatePaymentOutput,
  Logger,
  ProviderWebhookPayload,
  RefundPaymentInput,
  RefundPaymentOutput,
  RetrievePaymentInput,
  RetrievePaymentOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"
import { KlarnaClient, idempotencyKeyFor, isKlarnaError } from "../../lib/klarna"
import type { OmOrder } from "../../lib/klarna/types"
import { fromMinorUnits, minorToDecimalString, toMinorUnits } from "../../lib/amounts"
import { EXCEEDS_PLAN_ERROR_CODE, exceedsPlan } from "../../lib/capture-bound"
import { cancelOperationFor, isKlarnaOrderClosed } from "../../lib/cancel-operation"
import { refundLinesFor } from "../../lib/order-lines"
import { klarnaRefundAmount } from "../../lib/refund-amount"
import { klarnaRefundDescription } from "../../lib/refund-description"
import { toMedusaError } from "./klarna-medusa-error"
import { klarnaDebugLogger } from "./debug-log"
import { parseKlarnaOptions, type KlarnaProviderOptions } from "./options"
import { isPaymentSessionId, klarnaSessionOfOrder } from "./klarna-session-of-order"
import { medusaCaptureAmount } from "./medusa-capture-amount"
import { medusaRefundReason, medusaRefundsBefore } from "./medusa-refunds"
import type { PaymentModuleServices } from "./payment-module-services"
import { heldByPlacedOrder } from "./order-holding"
import { linesForReturnRefund } from "./return-refunds"
import { noteKlarnaCapture, noteKlarnaRefund } from "./klarna-ids"
import { asKlarnaData, type KlarnaPaymentData } from "./session-data"
import { statusForFraud, statusForOrder } from "./status"

type Cradle = { logger?: Logger } & PaymentModuleServices & Record<string, unknown>

export class KlarnaProviderService extends AbstractPaymentProvider<KlarnaProviderOptions> {
  static identifier = "klarna"

  protected readonly options_: KlarnaProviderOptions
  protected readonly client_: KlarnaClient
  protected readonly cradle_: Cradle

  static validateOptions(options: Record<string, unknown>): void {
    parseKlarnaOptions(options)
  }

  constructor(cradle: Cradle, options: Record<string, unknown>) {
    const parsed = parseKlarnaOptions(options)
    super(cradle, parsed)
    this.options_ = parsed
    this.cradle_ = cradle
    this.client_ = new KlarnaClient({
      username: parsed.username,
      password: parsed.password,
      region: parsed.region,
      environment: parsed.environment,
      baseUrl: parsed.base_url,
      timeoutMs: parsed.timeout_ms,
      retry: { retries: parsed.max_retries },
      maxRequestsPerSecond: parsed.max_requests_per_second,
      logger: klarnaDebugLogger(cradle.logger),
    })
  }

  klarnaClient(): KlarnaClient {
    return this.client_
  }

  get options(): KlarnaProviderOptions {
    return this.options_
  }

  // ---- checkout -------------------------------------------------------------------------------

  async initiatePayment({ amount, currency_code, data }: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    const input = asKlarnaData(data)
    if (input.carried_order_id) return this.carryOver(input, input.carried_order_id)
    const cart = input.klarna_cart
    if (!cart) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "Klarna sessions carry the cart's lines: create them with POST /store/payment-collections/:id/payment-sessions, where the plugin attaches the cart"
      )
    }
    this.assertAmount(cart.order_amount, amount, currency_code)
    const medusaSessionId = input.session_id!
    const created = await this.call(() =>
      this.client_.createSession({
        ...this.kpOrderBody(input),
        intent: "buy",
        merchant_urls: this.merchantUrls(medusaSessionId),
      })
    )
    return {
      id: created.session_id,
      data: {
        ...input,
        klarna_session_id: created.session_id,
        client_token: created.client_token,
        payment_method_categories: created.payment_method_categories,
        authorization_token: undefined,
        order_id: undefined,
      },
    }
  }

  /**
   * Called by Medusa when a session changes, and by the plugin's authorization route/callback with
   * a new `authorization_token`, which is only kept when Klarna shows it on this very session.
   */
  async updatePayment({ amount, currency_code, data }: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    const input = asKlarnaData(data)
    if (!input.klarna_session_id) throw new MedusaError(MedusaError.Types.INVALID_DATA, "Not a Klarna payment session")
    if (input.order_id) return { data: input }
    if (input.authorization_token) {
      const session = await this.call(() => this.client_.getSession(input.klarna_session_id!))
      if (!session.authorization_token || session.authorization_token !== input.authorization_token) {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          "The authorization token does not belong to this Klarna session"
        )
      }
      return { data: input }
    }
    if (input.klarna_cart) {
      this.assertAmount(input.klarna_cart.order_amount, amount, currency_code)
      await this.call(() => this.client_.updateSession(input.klarna_session_id!, this.kpOrderBody(input)))
    }
    return { data: input }
  }

  async authorizePayment({ data, context }: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    const input = asKlarnaData(data)
    const medusaSessionId = input.session_id ?? context?.idempotency_key
    if (input.order_id) {
      // already placed (retry, the fraud decision arrived, or carried over to a new collection): Klarna's word decides
      const order = await this.call(() => this.client_.getOrder(input.order_id!))
      if (!input.carried_over) this.assertOrderBelongs(order, input, medusaSessionId)
      return { status: statusForFraud(order.fraud_status), data: this.withOrder(input, order) }
    }
    if (!input.authorization_token || !input.klarna_session_id || !input.klarna_cart) {
      // the shopper has not authorized in Klarna's widget (or declined)
      return { status: PaymentSessionStatus.REQUIRES_MORE, data: input }
    }
    const session = await this.call(() => this.client_.getSession(input.klarna_session_id!))
    if (session.authorization_token !== input.authorization_token) {
      return { status: PaymentSessionStatus.ERROR, data: { ...input, authorization_token: undefined } }
    }
    const created = await this.call(() =>
      this.client_.createOrder(input.authorization_token!, {
        ...this.kpOrderBody(input),
        merchant_reference1: input.klarna_cart!.cart_id,
        merchant_reference2: medusaSessionId,
      })
    )
    const order = await this.call(() => this.client_.getOrder(created.order_id))
    if (order.order_amount !== input.klarna_cart.order_amount) {
      await this.client_
        .cancelOrder(order.order_id, { idempotencyKey: idempotencyKeyFor(order.order_id, "cancel") })
        .catch(() => undefined)
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Klarna's order amount does not match the payment amount")
    }
    const status = statusForFraud(created.fraud_status)
    if (status === PaymentSessionStatus.ERROR) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Klarna rejected the payment (fraud status ${created.fraud_status})`
      )
    }
    return { status, data: this.withOrder({ ...input, klarna_cart: undefined }, order) }
  }

  async deletePayment({ data }: DeletePaymentInput): Promise<DeletePaymentOutput> {
    const input = asKlarnaData(data)
    if (input.authorization_token && !input.order_id) {
      await this.client_.cancelAuthorization(input.authorization_token).catch((e) => {
        if (!(isKlarnaError(e) && e.status === 404)) throw toMedusaError(e)
      })
    }
    return { data: input }
  }

  // ---- after the order -------------------------------------------------------------------------

  async getPaymentStatus({ data }: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const input = asKlarnaData(data)
    if (!input.order_id) {
      const status = input.authorization_token ? PaymentSessionStatus.PENDING : PaymentSessionStatus.REQUIRES_MORE
      return { status, data: input }
    }
    const order = await this.call(() => this.client_.getOrder(input.order_id!))
    return { status: statusForOrder(order), data: this.withOrder(input, order) }
  }

  async retrievePayment({ data }: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    const input = asKlarnaData(data)
    if (!input.order_id) return { data: input }
    const order = await this.call(() => this.client_.getOrder(input.order_id!))
    return { data: this.withOrder(input, order) }
  }

  /**
   * Medusa's own "Capture" (admin button / capturePaymentWorkflow). Medusa passes no amount, only
   * its capture id as `context.idempotency_key`; that capture row is already committed, so its
   * amount is read from the payment module. Klarna then captures that amount (the whole remaining
   * authorization when the Medusa payment becomes fully captured, if that is at most rounding more:
   * else it refuses, like the plugin's own last capture), keyed by the Medusa capture id,
   * so a retry never captures twice. Shipment captures don't come here: the plugin records those
   * in Medusa with `is_captured: true`.
   */
  async capturePayment({ data, context }: CapturePaymentInput): Promise<CapturePaymentOutput> {
    const input = asKlarnaData(data)
    if (!input.order_id) throw new MedusaError(MedusaError.Types.INVALID_DATA, "No Klarna order on this payment")
    const captureId = context?.idempotency_key
    const order = await this.call(() => this.client_.getOrder(input.order_id!))
    const currency = order.purchase_currency
    let amount = order.remaining_authorized_amount
    if (captureId) {
      const requested = await medusaCaptureAmount(this.cradle_, captureId, currency)
      if (requested !== undefined && !requested.completesPayment) amount = Math.min(requested.minor, amount)
      if (requested?.completesPayment && exceedsPlan(amount, requested.minor)) {
        const money = (minor: number) => `${minorToDecimalString(minor, currency)} ${currency}`
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `${EXCEEDS_PLAN_ERROR_CODE}: Klarna still holds ${money(amount)} but this capture completes the payment at ` +
            `${money(requested.minor)}: taking the difference would capture more than the order`
        )
      }
    }
    let noted = input
    if (amount > 0) {
      const { capture_id } = await this.call(() =>
        this.client_.createCapture(
          order.order_id,
          {
            captured_amount: amount,
            description: "Captured from Medusa admin",
            ...(captureId ? { reference: captureId } : {}),
          },
          { idempotencyKey: idempotencyKeyFor(captureId ?? `${order.order_id}:full`, "medusa-capture") }
        )
      )
      if (captureId) noted = noteKlarnaCapture(input, captureId, { capture_id, amount })
    }
    const after = await this.call(() => this.client_.getOrder(order.order_id))
    return { data: this.withOrder(noted, after) }
  }

  /**
   * Klarna's refunded amount follows the exact Σ of the payment's Medusa refunds, rounded once
   * (lib/refund-amount.ts): fractions below the minor unit carry over, and a refund that is 0 at
   * Klarna is recorded in Medusa without a call. A refund for a received return carries the
   * returned lines; any other refund is amount-only, unless it is the whole order. The refund's
   * reason and note (Medusa's refund row) go to Klarna as its description.
   */
  async refundPayment({ amount, data, context }: RefundPaymentInput): Promise<RefundPaymentOutput> {
    const input = asKlarnaData(data)
    if (!input.order_id) throw new MedusaError(MedusaError.Types.INVALID_DATA, "No Klarna order on this payment")
    const order = await this.call(() => this.client_.getOrder(input.order_id!))
    const refundId = context?.idempotency_key
    const before = refundId ? await medusaRefundsBefore(this.cradle_, refundId) : undefined
    const { minor } = klarnaRefundAmount({
      currency: order.purchase_currency,
      medusaRefundsBefore: before ?? [],
      amount,
      // without Medusa's earlier refunds, this refund is rounded on its own
      klarnaRefunded: before ? order.refunded_amount : 0,
    })
    if (minor === 0) return { data: this.withOrder(input, order) }
    // Medusa's refund id: two equal refunds are two refunds, a retry of one is the same one
    const key = refundId ?? `${order.order_id}:${order.refunded_amount}:${minor}`
    const forReturn = linesForReturnRefund(input, minor, refundId)
    const order_lines =
      forReturn?.order_lines ?? refundLinesFor(minor, order.refunded_amount === 0 ? order.order_lines : undefined)
    const said = refundId ? await medusaRefundReason(this.cradle_, refundId) : undefined
    const description = klarnaRefundDescription({ subject: forReturn?.subject, ...said })
    const { refund_id } = await this.call(() =>
      this.client_.createRefund(
        order.order_id,
        {
          refunded_amount: minor,
          ...(order_lines ? { order_lines } : {}),
          ...(refundId ? { reference: refundId } : {}),
          ...(description ? { description } : {}),
        },
        { idempotencyKey: idempotencyKeyFor(key, "refund") }
      )
    )
    const noted = refundId ? noteKlarnaRefund(input, refundId, { refund_id, amount: minor }) : input
    const after = await this.call(() => this.client_.getOrder(order.order_id))
    return { data: this.withOrder(forReturn ? { ...noted, klarna_returns: forReturn.notes } : noted, after) }
  }

  /**
   * A payment a placed Medusa order holds is only canceled in Medusa: Medusa calls this both on an
   * order cancel and when an order change replaces the order's payment collection, and the Klarna
   * order of a placed order lives on until the order ends it (order.canceled settles it; nothing
   * left to ship releases it; a change carries it over to the new collection). Otherwise (a cart
   * whose completion failed): no capture yet → cancel the Klarna order; partly captured → release
   * what remains. Keyed by the Klarna order id, like the order.canceled workflow, so the two never
   * do it twice; a refusal because Klarna is already in that end state is not an error.
   */
  async cancelPayment({ data, context }: CancelPaymentInput): Promise<CancelPaymentOutput> {
    const input = asKlarnaData(data)
    if (!input.order_id) return this.deletePayment({ data })
    if (await heldByPlacedOrder(this.cradle_, context?.idempotency_key)) return { data: input }
    const order = await this.call(() => this.client_.getOrder(input.order_id!))
    const { operation, needed } = cancelOperationFor(order)
    if (!needed) return { data: this.withOrder(input, order) }
    try {
      if (operation === "cancel") {
        await this.client_.cancelOrder(order.order_id, { idempotencyKey: idempotencyKeyFor(order.order_id, "cancel") })
      } else {
        await this.client_.releaseRemainingAuthorization(order.order_id, {
          idempotencyKey: idempotencyKeyFor(order.order_id, "release"),
        })
      }
    } catch (e) {
      const now = await this.call(() => this.client_.getOrder(order.order_id))
      if (cancelOperationFor(now).needed) throw toMedusaError(e)
    }
    const after = await this.call(() => this.client_.getOrder(order.order_id))
    return { data: this.withOrder(input, after) }
  }

  /**
   * Klarna's fraud notification is unsigned: only the order id is taken from it, the decision is
   * read from Klarna. The Medusa session is the one named by the callback URL (the route passes it
   * as `session_id`) or, for orders placed before their references were updated, Klarna's
   * merchant_reference2; either is accepted only when that session placed this very Klarna order.
   */
  async getWebhookActionAndData(payload: ProviderWebhookPayload["payload"]): Promise<WebhookActionResult> {
    const orderId = payload?.data?.order_id
    if (typeof orderId !== "string" || !orderId) return { action: "not_supported" }
    let order: OmOrder
    try {
      order = await this.client_.getOrder(orderId)
    } catch (e) {
      if (isKlarnaError(e) && e.status === 404) return { action: "not_supported" }
      throw toMedusaError(e)
    }
    const sessionId = await klarnaSessionOfOrder(this.cradle_, order, [
      payload?.data?.session_id,
      order.merchant_reference2,
    ])
    if (!sessionId) return { action: "not_supported" }
    const amount = fromMinorUnits(order.order_amount, order.purchase_currency)
    if (order.fraud_status === "ACCEPTED") return { action: "authorized", data: { session_id: sessionId, amount } }
    if (order.fraud_status === "REJECTED") return { action: "failed", data: { session_id: sessionId, amount } }
    return { action: "pending", data: { session_id: sessionId, amount } }
  }

  // ---- helpers --------------------------------------------------------------------------------

  /**
   * A session the plugin opens on the payment collection Medusa created for an order change: it is
   * the order's Klarna order, carried over (`carried_order_id` is only ever set by the plugin's
   * order-change workflow: the store middleware replaces whatever a browser sends in `data`).
   */
  private async carryOver(input: KlarnaPaymentData, klarnaOrderId: string): Promise<InitiatePaymentOutput> {
    const order = await this.call(() => this.client_.getOrder(klarnaOrderId))
    if (isKlarnaOrderClosed(order)) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Klarna order ${klarnaOrderId} has nothing left to carry over`
      )
    }
    return {
      id: order.order_id,
      data: this.withOrder({ ...input, carried_order_id: undefined, carried_over: true }, order),
    }
  }

  private kpOrderBody(input: KlarnaPaymentData) {
    const cart = input.klarna_cart!
    return {
      purchase_country: cart.purchase_country,
      purchase_currency: cart.purchase_currency,
      locale: this.options_.locale ?? `en-${cart.purchase_country}`,
      order_amount: cart.order_amount,
      order_tax_amount: cart.order_tax_amount,
      order_lines: cart.order_lines,
      billing_address: cart.billing_address,
      shipping_address: cart.shipping_address,
    }
  }

  /**
   * No secret in these URLs: Medusa logs every request URL. The callbacks are verified by asking
   * Klarna instead (see the callback routes).
   */
  private merchantUrls(medusaSessionId: string) {
    const base = this.options_.callback_base_url.replace(/\/+$/, "")
    return {
      authorization: `${base}/klarna/callbacks/authorization/${medusaSessionId}`,
      notification: `${base}/klarna/callbacks/notification/${medusaSessionId}`,
    }
  }

  private withOrder(input: KlarnaPaymentData, order: OmOrder): KlarnaPaymentData {
    return {
      ...input,
      klarna_cart: undefined,
      order_id: order.order_id,
      fraud_status: order.fraud_status,
      klarna_reference: order.klarna_reference,
      expires_at: order.expires_at,
      order_amount: order.order_amount,
      currency_code: order.purchase_currency,
    }
  }

  private assertAmount(minor: number, amount: BigNumberInput, currency: string) {
    const expected = toMinorUnits(amount, currency)
    if (minor !== expected) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `The cart changed: its Klarna lines add up to ${minor} but the payment is ${expected} (minor units). Create the payment session again.`
      )
    }
  }

  /**
   * merchant_reference2 names the Medusa payment session until the order is placed, then the Medusa
   * order (see the merchant references workflow): only another session's id there is a mismatch.
   */
  private assertOrderBelongs(order: OmOrder, input: KlarnaPaymentData, medusaSessionId?: string) {
    const named = order.merchant_reference2
    if (medusaSessionId && named && isPaymentSessionId(named) && named !== medusaSessionId) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "The Klarna order does not belong to this payment session")
    }
    if (input.order_amount !== undefined && order.order_amount !== input.order_amount) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Klarna's order amount does not match the payment amount")
    }
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn()
    } catch (e) {
      throw toMedusaError(e)
    }
  }
}
