import http from "node:http"
import https from "node:https"
import axios, { type AxiosError, type AxiosInstance, type AxiosResponse, type InternalAxiosRequestConfig } from "axios"
import axiosRetry from "axios-retry"
import { parseErrorBody, TIMEOUT_CODES } from "./errors"
import { redactPath, redactUrl } from "./redact"
import { decideRetry, type RetryPolicy } from "./retry"

/** One line per attempt for the debug hook. Never carries credentials or bodies. */
export interface KlarnaLogEntry {
  operation: string
  method: string
  /** full URL; a KP authorization token in the path is shortened */
  url: string
  status?: number
  duration_ms: number
  /** 1 for the first attempt */
  attempt: number
  idempotency_key?: string
  correlation_id?: string
  error_code?: string
  /** set when the attempt failed */
  error_kind?: "http" | "network" | "timeout"
  /** Node/axios code of a network error or timeout */
  network_code?: string
}

export type KlarnaLogger = (entry: KlarnaLogEntry) => void

/**
 * Per-call data the client hangs on the axios request config under `klarna`. A class instance,
 * not a plain object, on purpose: axios copies the config for every request and attempt, and
 * deep-clones plain objects; an instance is passed by reference, so one object serves all
 * attempts of a call.
 */
export class KlarnaCallMeta {
  /** performance.now() when the current attempt started (only with a logger) */
  attemptStart?: number
  constructor(
    readonly operation: string,
    /** Date.now() when the call (first attempt) started */
    readonly start: number,
    readonly idempotencyKey?: string
  ) {}
}

export type KlarnaRequestConfig = { klarna?: KlarnaCallMeta }

type ConfigWithMeta = InternalAxiosRequestConfig & KlarnaRequestConfig

export interface HttpSetup {
  baseUrl: string
  /** the complete Authorization header value */
  authorization: string
  userAgent: string
  timeoutMs: number
  maxSockets: number
  retry: RetryPolicy
  logger?: KlarnaLogger
  httpAgent?: http.Agent
  httpsAgent?: https.Agent
}

export interface KlarnaHttp {
  instance: AxiosInstance
  httpAgent: http.Agent
  httpsAgent: https.Agent
  /** agents this module created (and close() may destroy) */
  ownedAgents: Array<http.Agent | https.Agent>
}

/** The keep-alive agent options used by the client (exported for the benchmark's baselines). */
export function keepAliveAgentOptions(maxSockets: number): http.AgentOptions {
  return {
    keepAlive: true,
    maxSockets,
    maxFreeSockets: maxSockets,
    // reuse the most recently used socket: sequential calls stay on one connection
    scheduling: "lifo",
  }
}

/**
 * The axios instance: created once per client with its agents and interceptors, so a call
 * allocates nothing but its request config.
 */
export function createKlarnaHttp(s: HttpSetup): KlarnaHttp {
  const ownedAgents: Array<http.Agent | https.Agent> = []
  const httpAgent = s.httpAgent ?? new http.Agent(keepAliveAgentOptions(s.maxSockets))
  const httpsAgent = s.httpsAgent ?? new https.Agent(keepAliveAgentOptions(s.maxSockets))
  if (!s.httpAgent) ownedAgents.push(httpAgent)
  if (!s.httpsAgent) ownedAgents.push(httpsAgent)

  const instance = axios.create({
    baseURL: s.baseUrl,
    timeout: s.timeoutMs,
    adapter: "http",
    // Klarna's API does not redirect; following one would send Basic auth to another host
    maxRedirects: 0,
    // No proxy from HTTP(S)_PROXY: axios sends an https request to an http proxy without a
    // CONNECT tunnel, i.e. with the Authorization header in clear. For an egress proxy, pass an
    // httpsAgent that tunnels (e.g. https-proxy-agent). Also spares a per-request env lookup.
    proxy: false,
    httpAgent,
    httpsAgent,
    headers: {
      Authorization: s.authorization,
      "User-Agent": s.userAgent,
      Accept: "application/json",
    },
  })

  if (s.logger) {
    installLogging(instance, s.baseUrl, s.logger)
  }
  installRetry(instance, s.retry, s.timeoutMs)

  return { instance, httpAgent, httpsAgent, ownedAgents }
}

function installRetry(instance: AxiosInstance, policy: RetryPolicy, timeoutMs: number): void {
  // the delay decided in retryCondition, read back by retryDelay/onRetry for the same error
  const delays = new WeakMap<object, number>()

  const { requestInterceptorId } = axiosRetry(instance, {
    retries: policy.retries,
    // each attempt gets its own timeout (cut to the remaining budget in onRetry)
    shouldResetTimeout: true,
    retryCondition: (error: AxiosError): boolean => {
      const config = error.config as ConfigWithMeta | undefined
      const meta = config?.klarna
      if (!config || !meta) return false
      const now = Date.now()
      const decision = decideRetry(
        {
          retryNumber: (config["axios-retry"]?.retryCount ?? 0) + 1,
          elapsedMs: now - meta.start,
          status: error.response?.status,
          code: error.code,
          headers: error.response?.headers,
        },
        policy,
        now
      )
      if (!decision.retry) return false
      delays.set(error, decision.delayMs)
      return true
    },
    retryDelay: (_retryCount: number, error: AxiosError): number => delays.get(error) ?? 0,
    onRetry: (_retryCount, error, requestConfig): void => {
      const meta = (requestConfig as ConfigWithMeta).klarna
      if (!meta) return
      const left = policy.maxTotalMs - (Date.now() - meta.start) - (delays.get(error) ?? 0)
      requestConfig.timeout = Math.max(1, Math.min(timeoutMs, left))
    },
  })
  // axios-retry's request interceptor only (re)initialises its per-request state, which its
  // response interceptor also does when a request fails; what that state feeds (the attempt
  // time for shouldResetTimeout: false, validateResponse) is unused here. Without it, and with
  // no logger, a request runs axios's synchronous interceptor path: the hot path of a plain
  // axios instance. The emulator tests check the retry counts this relies on.
  instance.interceptors.request.eject(requestInterceptorId)
}

function installLogging(instance: AxiosInstance, baseUrl: string, logger: KlarnaLogger): void {
  const base = redactUrl(baseUrl)

  const emit = (config: ConfigWithMeta | undefined, res: AxiosResponse | undefined, err?: AxiosError) => {
    const meta = config?.klarna
    if (!config || !meta) return
    const entry: KlarnaLogEntry = {
      operation: meta.operation,
      method: (config.method ?? "get").toUpperCase(),
      url: base + redactPath(config.url ?? ""),
      duration_ms:
        meta.attemptStart === undefined ? 0 : Math.round((performance.now() - meta.attemptStart) * 100) / 100,
      attempt: (config["axios-retry"]?.retryCount ?? 0) + 1,
    }
    if (res) entry.status = res.status
    if (meta.idempotencyKey) entry.idempotency_key = meta.idempotencyKey
    const correlationHeader = res?.headers?.["klarna-correlation-id"]
    if (typeof correlationHeader === "string") entry.correlation_id = correlationHeader
    if (err) {
      if (res) {
        const body = parseErrorBody(res.data)
        entry.error_kind = "http"
        if (body.errorCode) entry.error_code = body.errorCode
        if (body.correlationId) entry.correlation_id = body.correlationId
      } else {
        entry.error_kind = err.code && TIMEOUT_CODES.has(err.code) ? "timeout" : "network"
        if (err.code) entry.network_code = err.code
      }
    }
    try {
      logger(entry)
    } catch {
      // a failing log hook must not fail the payment call
    }
  }

  instance.interceptors.request.use(
    (config) => {
      const meta = (config as ConfigWithMeta).klarna
      if (meta) meta.attemptStart = performance.now()
      return config
    },
    undefined,
    { synchronous: true }
  )
  // registered before axios-retry's, so it sees every attempt, including those retried
  instance.interceptors.response.use(
    (res) => {
      emit(res.config as ConfigWithMeta, res)
      return res
    },
    (err: AxiosError) => {
      emit(err?.config as ConfigWithMeta | undefined, err?.response, err)
      return Promise.reject(err)
    }
  )
}
