import type http from "node:http"
import type https from "node:https"
import { inspect } from "node:util"
import type { AxiosInstance, AxiosRequestConfig, AxiosResponse, Method } from "axios"
import { toKlarnaError } from "./errors"
import { pathSegment } from "./path-segment"
import { createKlarnaHttp, KlarnaCallMeta, type KlarnaLogger, type KlarnaRequestConfig } from "./http"
import { rateLimiterFor, type RateLimiter } from "./rate-limit"
import { basicAuthHeader, makeRedactor, type Redactor } from "./redact"
import { resolveBaseUrl, type KlarnaEnvironment, type KlarnaRegion } from "./regions"
import { normalizeRetryPolicy, type RetryOptions } from "./retry"
import { KlarnaSettlements } from "./settlements"
import type {
  ExtendDueDateOptions,
  IdemOpts,
  KpOrderCreated,
  KpOrderRequest,
  KpSession,
  KpSessionCreated,
  KpSessionRequest,
  OmCapture,
  OmCaptureRequest,
  OmMerchantReferences,
  OmOrder,
  OmRefundRequest,
  OmUpdateAuthorizationRequest,
  OmShippingInfoRequest,
} from "./types"
import { KLARNA_PLUGIN_USER_AGENT } from "./version"

export interface KlarnaClientOptions {
  username: string
  password: string
  region?: KlarnaRegion
  environment?: KlarnaEnvironment
  /** overrides region/environment, e.g. the emulator */
  baseUrl?: string
  /** per attempt (default 10000) */
  timeoutMs?: number
  /** bound of each keep-alive agent (default 10) */
  maxSockets?: number
  retry?: RetryOptions
  /** debug hook, one entry per attempt, secrets redacted */
  logger?: KlarnaLogger
  /** extra product token, appended to the plugin's own User-Agent */
  userAgent?: string
  /**
   * client-side limit of calls per second for this account (retries included only in their first
   * attempt); unset: no limit
   */
  maxRequestsPerSecond?: number
  /** bring your own agents (then close() leaves them alone) */
  httpAgent?: http.Agent
  httpsAgent?: https.Agent
}

const KP = "/payments/v1"
const OM = "/ordermanagement/v1/orders/"
const IDEMPOTENCY_HEADER = "Klarna-Idempotency-Key"

const toVoid = (): void => undefined
const toData = <T>(res: AxiosResponse<T>): T => res.data

/** 201 answers carry the new id in a header (Capture-Id, Refund-Id) and in Location. */
function created(res: AxiosResponse, idHeader: string): { id: string; location: string } {
  const location = headerString(res.headers, "location") ?? ""
  const id = headerString(res.headers, idHeader) ?? location.split("/").filter(Boolean).pop() ?? ""
  return { id, location }
}
const captureCreated = (res: AxiosResponse) => {
  const c = created(res, "capture-id")
  return { capture_id: c.id, location: c.location }
}
const refundCreated = (res: AxiosResponse) => {
  const c = created(res, "refund-id")
  return { refund_id: c.id, location: c.location }
}

function headerString(headers: unknown, name: string): string | undefined {
  const v = (headers as Record<string, unknown> | undefined)?.[name]
  return typeof v === "string" && v !== "" ? v : undefined
}

function idem(o: IdemOpts | undefined): string {
  const k = o?.idempotencyKey
  if (typeof k !== "string" || k.length === 0) {
    throw new TypeError("Klarna client: { idempotencyKey } is required on every Order Management change")
  }
  return k
}

/**
 * Typed client of Klarna Payments v1 and Order Management v1. Knows nothing of Medusa.
 *
 * Retries (network errors, timeouts, 5xx, 429; see retry.ts) re-send the identical request:
 * same body bytes, same headers, so OM calls keep their Klarna-Idempotency-Key and Klarna
 * applies the change at most once.
 *
 * KP has no idempotency key; what makes its retries safe:
 * - createOrder: Klarna (and the emulator) answer a second create-order with the same
 *   authorization token AND the same body with the same order (a token used with another body
 *   gets 409). A retry re-sends the identical serialized body, so a retry after a lost
 *   response returns the order the first attempt created; no second order exists.
 *   Callers must likewise reuse the exact body when they retry themselves.
 * - createCustomerToken: same rule as createOrder (same token + same body → same customer
 *   token; another body → 409), so the identical-body retry is safe too.
 * - createSession: a retry may leave an unused session behind; sessions expire after 48 h.
 * - updateSession and the GETs are idempotent.
 * - cancelAuthorization: a retry after a lost response finds the token gone and gets 404
 *   NOT_FOUND; callers may treat NOT_FOUND after a failed-then-retried cancel as done.
 */
export class KlarnaClient {
  readonly baseUrl: string
  declare private readonly http: AxiosInstance
  declare private readonly redact: Redactor
  declare private readonly ownedAgents: Array<http.Agent | https.Agent>
  declare private readonly limiter?: RateLimiter
  /** Klarna's Settlements API v1 (payouts, transactions) with this client's credentials and transport. */
  declare readonly settlements: KlarnaSettlements

  constructor(opts: KlarnaClientOptions) {
    if (!opts || typeof opts !== "object") {
      throw new TypeError("Klarna client: options are required")
    }
    if (typeof opts.username !== "string" || opts.username === "") {
      throw new TypeError("Klarna option username must be a non-empty string")
    }
    if (typeof opts.password !== "string" || opts.password === "") {
      throw new TypeError("Klarna option password must be a non-empty string")
    }
    const timeoutMs = opts.timeoutMs ?? 10000
    if (typeof timeoutMs !== "number" || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      throw new TypeError("Klarna option timeoutMs must be a positive number")
    }
    const maxSockets = opts.maxSockets ?? 10
    if (!Number.isInteger(maxSockets) || maxSockets < 1) {
      throw new TypeError("Klarna option maxSockets must be a positive integer")
    }
    if (opts.logger !== undefined && typeof opts.logger !== "function") {
      throw new TypeError("Klarna option logger must be a function")
    }
    this.baseUrl = resolveBaseUrl(opts)
    const redact = makeRedactor(opts.username, opts.password)
    const userAgent = opts.userAgent
      ? `${KLARNA_PLUGIN_USER_AGENT} ${String(opts.userAgent).replace(/[\r\n]/g, " ")}`
      : KLARNA_PLUGIN_USER_AGENT
    const h = createKlarnaHttp({
      baseUrl: this.baseUrl,
      authorization: basicAuthHeader(opts.username, opts.password),
      userAgent,
      timeoutMs,
      maxSockets,
      retry: normalizeRetryPolicy(opts.retry),
      logger: opts.logger,
      httpAgent: opts.httpAgent,
      httpsAgent: opts.httpsAgent,
    })
    // not enumerable: the axios instance holds the Authorization header
    Object.defineProperty(this, "http", { value: h.instance, enumerable: false })
    Object.defineProperty(this, "redact", { value: redact, enumerable: false })
    Object.defineProperty(this, "ownedAgents", { value: h.ownedAgents, enumerable: false })
    if (opts.maxRequestsPerSecond !== undefined) {
      const limiter = rateLimiterFor(`${this.baseUrl}|${opts.username}`, opts.maxRequestsPerSecond)
      Object.defineProperty(this, "limiter", { value: limiter, enumerable: false })
    }
    const settlements = new KlarnaSettlements(<T>(operation: string, path: string) =>
      this.send(operation, "get", path, toData<T>)
    )
    Object.defineProperty(this, "settlements", { value: settlements, enumerable: false })
  }

  /**
   * One request. `map` turns the response into the result; errors leave as KlarnaError built
   * from plain values. One `.then(map, onError)`: each extra promise hop shows in the benchmark.
   */
  private send<R>(
    operation: string,
    method: Method,
    url: string,
    map: (res: AxiosResponse) => R,
    data?: unknown,
    idempotencyKey?: string
  ): Promise<R> {
    const klarna = new KlarnaCallMeta(operation, Date.now(), idempotencyKey)
    // no keys with undefined values: axios merges every key of every request config
    const config: AxiosRequestConfig & KlarnaRequestConfig =
      idempotencyKey === undefined
        ? data === undefined
          ? { method, url, klarna }
          : { method, url, data, klarna }
        : data === undefined
          ? // bodiless POST: stop axios from labelling the empty body as a form
            { method, url, headers: { [IDEMPOTENCY_HEADER]: idempotencyKey, "Content-Type": false }, klarna }
          : { method, url, data, headers: { [IDEMPOTENCY_HEADER]: idempotencyKey }, klarna }
    const turn = this.limiter?.take()
    const request = turn ? turn.then(() => this.http.request(config)) : this.http.request(config)
    return request.then(map, (err: unknown): never => {
      const retries = (err as { config?: { "axios-retry"?: { retryCount?: number } } } | null)?.config?.["axios-retry"]
        ?.retryCount
      throw toKlarnaError(err, operation, this.redact, (retries ?? 0) + 1)
    })
  }

  /** Argument errors are returned as rejected promises, like every other failure. */
  private call<R>(build: () => Promise<R>): Promise<R> {
    try {
      return build()
    } catch (e) {
      return Promise.reject(e)
    }
  }

  // ------------------------------------------------------------ Klarna Payments

  createSession(body: KpSessionRequest): Promise<KpSessionCreated> {
    return this.send("createSession", "post", `${KP}/sessions`, toData<KpSessionCreated>, body)
  }

  updateSession(sessionId: string, body: Partial<KpSessionRequest>): Promise<void> {
    return this.call(() =>
      this.send(
        "updateSession",
        "post",
        `${KP}/sessions/${pathSegment("updateSession", "sessionId", sessionId)}`,
        toVoid,
        body
      )
    )
  }

  getSession(sessionId: string): Promise<KpSession> {
    return this.call(() =>
      this.send(
        "getSession",
        "get",
        `${KP}/sessions/${pathSegment("getSession", "sessionId", sessionId)}`,
        toData<KpSession>
      )
    )
  }

  /** Safe to retry with the identical body: see the class comment. */
  createOrder(authorizationToken: string, body: KpOrderRequest): Promise<KpOrderCreated> {
    return this.call(() =>
      this.send(
        "createOrder",
        "post",
        `${KP}/authorizations/${pathSegment("createOrder", "authorizationToken", authorizationToken)}/order`,
        toData<KpOrderCreated>,
        body
      )
    )
  }

  cancelAuthorization(authorizationToken: string): Promise<void> {
    return this.call(() =>
      this.send(
        "cancelAuthorization",
        "delete",
        `${KP}/authorizations/${pathSegment("cancelAuthorization", "authorizationToken", authorizationToken)}`,
        toVoid
      )
    )
  }

  // ------------------------------------------------------------ Order Management

  getOrder(orderId: string): Promise<OmOrder> {
    return this.call(() =>
      this.send("getOrder", "get", OM + pathSegment("getOrder", "orderId", orderId), toData<OmOrder>)
    )
  }

  createCapture(
    orderId: string,
    body: OmCaptureRequest,
    o: IdemOpts
  ): Promise<{ capture_id: string; location: string }> {
    return this.call(() =>
      this.send(
        "createCapture",
        "post",
        `${OM}${pathSegment("createCapture", "orderId", orderId)}/captures`,
        captureCreated,
        body,
        idem(o)
      )
    )
  }

  listCaptures(orderId: string): Promise<OmCapture[]> {
    return this.call(() =>
      this.send(
        "listCaptures",
        "get",
        `${OM}${pathSegment("listCaptures", "orderId", orderId)}/captures`,
        toData<OmCapture[]>
      )
    )
  }

  getCapture(orderId: string, captureId: string): Promise<OmCapture> {
    return this.call(() =>
      this.send(
        "getCapture",
        "get",
        `${OM}${pathSegment("getCapture", "orderId", orderId)}/captures/${pathSegment("getCapture", "captureId", captureId)}`,
        toData<OmCapture>
      )
    )
  }

  addCaptureShippingInfo(orderId: string, captureId: string, body: OmShippingInfoRequest, o: IdemOpts): Promise<void> {
    return this.call(() =>
      this.send(
        "addCaptureShippingInfo",
        "post",
        `${OM}${pathSegment("addCaptureShippingInfo", "orderId", orderId)}/captures/${pathSegment("addCaptureShippingInfo", "captureId", captureId)}/shipping-info`,
        toVoid,
        body,
        idem(o)
      )
    )
  }

  getExtendDueDateOptions(orderId: string, captureId: string): Promise<ExtendDueDateOptions> {
    return this.call(() =>
      this.send(
        "getExtendDueDateOptions",
        "get",
        `${OM}${pathSegment("getExtendDueDateOptions", "orderId", orderId)}/captures/${pathSegment("getExtendDueDateOptions", "captureId", captureId)}/extend-due-date-options`,
        toData<ExtendDueDateOptions>
      )
    )
  }

  extendDueDate(orderId: string, captureId: string, body: { number_of_days: number }, o: IdemOpts): Promise<void> {
    return this.call(() =>
      this.send(
        "extendDueDate",
        "patch",
        `${OM}${pathSegment("extendDueDate", "orderId", orderId)}/captures/${pathSegment("extendDueDate", "captureId", captureId)}/extend-due-date`,
        toVoid,
        body,
        idem(o)
      )
    )
  }

  triggerSendOut(orderId: string, captureId: string, o: IdemOpts): Promise<void> {
    return this.call(() =>
      this.send(
        "triggerSendOut",
        "post",
        `${OM}${pathSegment("triggerSendOut", "orderId", orderId)}/captures/${pathSegment("triggerSendOut", "captureId", captureId)}/trigger-send-out`,
        toVoid,
        undefined,
        idem(o)
      )
    )
  }

  createRefund(orderId: string, body: OmRefundRequest, o: IdemOpts): Promise<{ refund_id: string; location: string }> {
    return this.call(() =>
      this.send(
        "createRefund",
        "post",
        `${OM}${pathSegment("createRefund", "orderId", orderId)}/refunds`,
        refundCreated,
        body,
        idem(o)
      )
    )
  }

  cancelOrder(orderId: string, o: IdemOpts): Promise<void> {
    return this.orderAction("cancelOrder", "post", orderId, "cancel", undefined, o)
  }

  releaseRemainingAuthorization(orderId: string, o: IdemOpts): Promise<void> {
    return this.orderAction(
      "releaseRemainingAuthorization",
      "post",
      orderId,
      "release-remaining-authorization",
      undefined,
      o
    )
  }

  /** Klarna asks its risk assessment for an increase: a refusal is 403 NOT_ALLOWED, the authorization unchanged. */
  updateAuthorization(orderId: string, body: OmUpdateAuthorizationRequest, o: IdemOpts): Promise<void> {
    return this.orderAction("updateAuthorization", "patch", orderId, "authorization", body, o)
  }

  extendAuthorizationTime(orderId: string, o: IdemOpts): Promise<void> {
    return this.orderAction("extendAuthorizationTime", "post", orderId, "extend-authorization-time", undefined, o)
  }

  /** The shop's own references on Klarna's order (shown in Klarna's portal and settlement reports). */
  updateMerchantReferences(orderId: string, body: OmMerchantReferences, o: IdemOpts): Promise<void> {
    return this.orderAction("updateMerchantReferences", "patch", orderId, "merchant-references", body, o)
  }

  private orderAction(
    operation: string,
    method: Method,
    orderId: string,
    action: string,
    body: unknown,
    o: IdemOpts
  ): Promise<void> {
    return this.call(() =>
      this.send(
        operation,
        method,
        `${OM}${pathSegment(operation, "orderId", orderId)}/${action}`,
        toVoid,
        body,
        idem(o)
      )
    )
  }

  /** Destroys the keep-alive agents the client created (not ones passed in). */
  close(): void {
    for (const a of this.ownedAgents) a.destroy()
  }

  toJSON(): { baseUrl: string } {
    return { baseUrl: this.baseUrl }
  }

  [inspect.custom](): string {
    return `KlarnaClient { baseUrl: ${JSON.stringify(this.baseUrl)} }`
  }
}
