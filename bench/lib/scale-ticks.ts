// `medusa exec ./bench/lib/scale-ticks.ts` (bench:scale): a worker's process whose scheduled jobs
// are run one tick at a time on request, over HTTP on $BENCH_TICK_PORT, each measured in-process:
// wall time, rows PostgreSQL returned, RSS. POST /tick?job=<name>, POST /capture?fulfillment_id=…
// (one fulfillment's whole capture, the way its subscriber runs it), POST /exit.
import { readdirSync } from "fs"
import http from "http"
import { createRequire } from "module"
import path from "path"
import type { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import { runFulfillmentCapture } from "../../src/workflows/capture/run-fulfillment-capture"
import { countPgRows, rowsRead } from "./pg-row-counter"

const ROOT = path.resolve(__dirname, "../..")
countPgRows(ROOT)

type Job = (container: MedusaContainer) => Promise<void>
/** every scheduled job of the plugin (src/jobs), by its config name */
function jobs(): Record<string, Job> {
  const dir = path.join(ROOT, "src/jobs")
  const out: Record<string, Job> = {}
  const load = createRequire(__filename)
  for (const file of readdirSync(dir)) {
    if (!file.endsWith(".ts")) continue
    const mod = load(path.join(dir, file))
    out[mod.config.name] = mod.default
  }
  return out
}

export default async function scaleTicks({ container }: ExecArgs) {
  const all = jobs()
  const measure = async (fn: () => Promise<unknown>) => {
    const rows0 = rowsRead()
    const t0 = performance.now()
    await fn()
    const ms = performance.now() - t0
    return { ms, rows: rowsRead() - rows0, rss_mb: process.memoryUsage().rss / 1048576 }
  }
  await new Promise<void>((resolve) => {
    const server = http.createServer(async (req, res) => {
      const url = new URL(req.url!, "http://x")
      try {
        let body: unknown
        if (url.pathname === "/jobs") body = Object.keys(all)
        else if (url.pathname === "/tick") body = await measure(() => all[url.searchParams.get("job")!](container))
        else if (url.pathname === "/capture")
          body = await measure(() => runFulfillmentCapture(container, url.searchParams.get("fulfillment_id")!))
        else if (url.pathname === "/exit") {
          res.end("{}")
          server.close()
          return resolve()
        } else throw new Error(`unknown ${url.pathname}`)
        res.setHeader("content-type", "application/json")
        res.end(JSON.stringify(body))
      } catch (e) {
        res.statusCode = 500
        res.end(JSON.stringify({ error: (e as Error).stack ?? String(e) }))
      }
    })
    server.listen(Number(process.env.BENCH_TICK_PORT), "127.0.0.1", () => console.log("ticks ready"))
  })
}
