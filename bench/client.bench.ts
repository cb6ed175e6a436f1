/**
 * npm run bench:client — the typed Klarna client's overhead against the emulator, which runs in
 * a separate process. One run prints every figure and exits non-zero when a target is missed:
 *  - 2,000 sequential GET-order calls through the client, a plain axios instance (same
 *    keep-alive agent options, same transport settings) and raw node:http keep-alive:
 *    p50/p99 each; target client/plain-axios p50 ≤ 1.10; client/raw reported.
 *  - the same with the emulator's latency fault at 20 ms: target client/raw p50 ≤ 1.02.
 *  - sockets: ≤ 2 opened for the sequential calls; ≤ maxSockets open for 50 concurrent calls.
 * Calls are interleaved one by one (rotating the order), so drift and bursts of machine noise
 * hit every variant alike.
 * Env: BENCH_CALLS (2000), BENCH_SLOW_CALLS (200), BENCH_WARMUP (300).
 */
import http from "node:http"
import axios, { type AxiosInstance } from "axios"
import {
  basicAuthHeader,
  KLARNA_PLUGIN_USER_AGENT,
  KlarnaClient,
  keepAliveAgentOptions,
  type KpSessionRequest,
} from "../src/lib/klarna"
import { countingAgent, type CountingAgent } from "./lib/counting-agent"
import { spawnEmulator } from "./lib/emulator-process"
import { rawGetJson } from "./lib/raw-http"
import { fmt, summarize, type Summary } from "./lib/stats"

const USERNAME = "bench_user"
const PASSWORD = "bench_password"
const MAX_SOCKETS = 10
const CALLS = Number(process.env.BENCH_CALLS ?? 2000)
const SLOW_CALLS = Number(process.env.BENCH_SLOW_CALLS ?? 200)
const WARMUP = Number(process.env.BENCH_WARMUP ?? 300)
const CONCURRENT = 50

const TARGET_CLIENT_VS_AXIOS = 1.1
const TARGET_CLIENT_VS_RAW_SLOW = 1.02
const TARGET_SEQ_SOCKETS = 2

type Variant = { name: string; call: () => Promise<unknown> }

const session: KpSessionRequest = {
  purchase_country: "SE",
  purchase_currency: "SEK",
  locale: "sv-SE",
  order_amount: 10000,
  order_tax_amount: 2000,
  order_lines: [
    {
      type: "physical",
      reference: "bench-1",
      name: "Bench item",
      quantity: 1,
      unit_price: 10000,
      tax_rate: 2500,
      total_amount: 10000,
      total_tax_amount: 2000,
    },
  ],
}

async function runInterleaved(variants: Variant[], calls: number, rounds: number): Promise<Map<string, number[]>> {
  const samples = new Map(variants.map((v) => [v.name, [] as number[]]))
  const perRound = Math.ceil(calls / rounds)
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(r + k) % variants.length]
      const out = samples.get(v.name)!
      const n = Math.min(perRound, calls - out.length)
      for (let i = 0; i < n; i++) {
        const t = performance.now()
        await v.call()
        out.push(performance.now() - t)
      }
    }
  }
  return samples
}

async function warm(variants: Variant[], n: number): Promise<void> {
  for (const v of variants) for (let i = 0; i < n; i++) await v.call()
}

function row(name: string, s: Summary): string {
  return `  ${name.padEnd(26)} n=${String(s.n).padStart(5)}  p50 ${fmt(s.p50).padStart(11)}  p99 ${fmt(s.p99).padStart(11)}  mean ${fmt(s.mean).padStart(11)}`
}

async function main(): Promise<number> {
  const emulator = await spawnEmulator({ username: USERNAME, password: PASSWORD })
  const failures: string[] = []
  const check = (label: string, value: number, target: number, fmtValue = (x: number) => x.toFixed(3)) => {
    const ok = value <= target
    if (!ok) failures.push(`${label} = ${fmtValue(value)} > ${fmtValue(target)}`)
    console.log(
      `  ${label.padEnd(44)} ${fmtValue(value).padStart(8)}  (target ≤ ${fmtValue(target)}) ${ok ? "OK" : "MISSED"}`
    )
  }
  const closers: Array<() => void> = []
  try {
    const base = emulator.url.replace(/\/+$/, "")
    console.log(
      `Klarna client benchmark — emulator ${base} (separate process, pid ${emulator.child.pid}), node ${process.versions.node}`
    )

    // an order to read
    const setup = new KlarnaClient({ username: USERNAME, password: PASSWORD, baseUrl: base })
    closers.push(() => setup.close())
    const created = await setup.createSession(session)
    const control = axios.create({ baseURL: base, maxRedirects: 0, adapter: "http" })
    const auth = await control.post(`/__emulator/sessions/${created.session_id}/authorize`, { approve: true })
    const order = await setup.createOrder(auth.data.authorization_token, session)
    const orderId = order.order_id
    const orderPath = `/ordermanagement/v1/orders/${orderId}`

    const headers = {
      Authorization: basicAuthHeader(USERNAME, PASSWORD),
      "User-Agent": KLARNA_PLUGIN_USER_AGENT,
      Accept: "application/json",
    }
    const agents: Record<string, CountingAgent> = {
      client: countingAgent(keepAliveAgentOptions(MAX_SOCKETS)),
      axios: countingAgent(keepAliveAgentOptions(MAX_SOCKETS)),
      raw: countingAgent(keepAliveAgentOptions(MAX_SOCKETS)),
      axiosDefaults: countingAgent(keepAliveAgentOptions(MAX_SOCKETS)),
    }
    closers.push(() => Object.values(agents).forEach((a) => a.agent.destroy()))

    const client = new KlarnaClient({
      username: USERNAME,
      password: PASSWORD,
      baseUrl: base,
      maxSockets: MAX_SOCKETS,
      httpAgent: agents.client.agent,
    })
    closers.push(() => client.close())
    // the same transport settings as the client: keep-alive agent, http adapter, no redirect
    // following, no env proxy; what is left is the client's own cost (retry, errors, typing)
    const plain: AxiosInstance = axios.create({
      baseURL: base,
      timeout: 10000,
      adapter: "http",
      maxRedirects: 0,
      proxy: false,
      httpAgent: agents.axios.agent,
      headers,
    })
    // for information only: axios with its defaults (follow-redirects wrapper, env proxy lookup)
    const plainDefaults: AxiosInstance = axios.create({ baseURL: base, httpAgent: agents.axiosDefaults.agent, headers })
    const rawUrl = new URL(base + orderPath)

    const first = await client.getOrder(orderId)
    const viaAxios = (await plain.get(orderPath)).data
    const viaRaw = (await rawGetJson(agents.raw.agent, rawUrl, headers)) as { order_id: string }
    if (first.order_id !== orderId || viaAxios.order_id !== orderId || viaRaw.order_id !== orderId) {
      throw new Error("the three variants do not read the same order")
    }

    const variants: Variant[] = [
      { name: "client", call: () => client.getOrder(orderId) },
      { name: "plain axios", call: () => plain.get(orderPath) },
      { name: "raw node:http", call: () => rawGetJson(agents.raw.agent, rawUrl, headers) },
    ]
    const info: Variant = { name: "axios defaults (info)", call: () => plainDefaults.get(orderPath) }

    // ---- 1. sequential, local emulator
    await warm([...variants, info], WARMUP)
    const seq = await runInterleaved([...variants, info], CALLS, CALLS)
    const s = Object.fromEntries([...seq].map(([k, v]) => [k, summarize(v)]))
    console.log(`\n1) ${CALLS} sequential GET order (after ${WARMUP} warm-up calls each)`)
    for (const v of [...variants, info]) console.log(row(v.name, s[v.name]))
    const clientVsAxios = s["client"].p50 / s["plain axios"].p50
    const clientVsRaw = s["client"].p50 / s["raw node:http"].p50
    check("p50 ratio client / plain axios", clientVsAxios, TARGET_CLIENT_VS_AXIOS)
    console.log(`  ${"p50 ratio client / raw node:http (reported)".padEnd(44)} ${clientVsRaw.toFixed(3).padStart(8)}`)
    console.log(
      `  ${"p50 ratio plain axios / raw (reported)".padEnd(44)} ${(s["plain axios"].p50 / s["raw node:http"].p50).toFixed(3).padStart(8)}`
    )
    console.log(
      `  ${"p99 ratio client / plain axios (reported)".padEnd(44)} ${(s["client"].p99 / s["plain axios"].p99).toFixed(3).padStart(8)}`
    )
    const seqSockets = agents.client.opened()
    console.log(
      `  sockets opened for ${CALLS + WARMUP + 1} sequential calls: client ${seqSockets}, plain axios ${agents.axios.opened()}, raw ${agents.raw.opened()}`
    )
    check("sockets opened by the client, sequential", seqSockets, TARGET_SEQ_SOCKETS, (x) => String(x))

    // ---- 2. with the emulator's 20 ms latency fault
    await control.post("/__emulator/faults", { method: "GET", path: orderPath, delay_ms: 20, persistent: true })
    try {
      await warm(variants, 10)
      const slow = await runInterleaved(variants, SLOW_CALLS, SLOW_CALLS)
      const t = Object.fromEntries([...slow].map(([k, v]) => [k, summarize(v)]))
      console.log(`\n2) ${SLOW_CALLS} sequential GET order with the emulator's latency fault delay_ms 20`)
      for (const v of variants) console.log(row(v.name, t[v.name]))
      check(
        "p50 ratio client / raw node:http, 20 ms",
        t["client"].p50 / t["raw node:http"].p50,
        TARGET_CLIENT_VS_RAW_SLOW
      )
      console.log(
        `  ${"p50 ratio client / plain axios, 20 ms (reported)".padEnd(44)} ${(t["client"].p50 / t["plain axios"].p50).toFixed(3).padStart(8)}`
      )
    } finally {
      await control.delete("/__emulator/faults")
    }

    // ---- 3. 50 concurrent calls through a fresh client: sockets bounded by maxSockets
    const concurrentAgent = countingAgent(keepAliveAgentOptions(MAX_SOCKETS))
    closers.push(() => concurrentAgent.agent.destroy())
    const concurrent = new KlarnaClient({
      username: USERNAME,
      password: PASSWORD,
      baseUrl: base,
      maxSockets: MAX_SOCKETS,
      httpAgent: concurrentAgent.agent,
    })
    closers.push(() => concurrent.close())
    const t0 = performance.now()
    for (let wave = 0; wave < 5; wave++) {
      const results = await Promise.all(Array.from({ length: CONCURRENT }, () => concurrent.getOrder(orderId)))
      if (results.some((o) => o.order_id !== orderId)) throw new Error("concurrent read returned another order")
    }
    const wall = performance.now() - t0
    console.log(
      `\n3) 5 waves of ${CONCURRENT} concurrent GET order through one client (maxSockets ${MAX_SOCKETS}), ${fmt(wall)} in all`
    )
    console.log(`  sockets opened ${concurrentAgent.opened()}, most open at once ${concurrentAgent.peak()}`)
    check("sockets open at once, 50 concurrent", concurrentAgent.peak(), MAX_SOCKETS, (x) => String(x))
    check("sockets opened in all, 50 concurrent", concurrentAgent.opened(), MAX_SOCKETS, (x) => String(x))
  } finally {
    for (const c of closers.reverse()) {
      try {
        c()
      } catch {
        // closing anyway
      }
    }
    await emulator.stop()
  }
  console.log(failures.length ? `\nMISSED: ${failures.join("; ")}` : "\nall targets met")
  return failures.length ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e)
    process.exit(2)
  }
)
