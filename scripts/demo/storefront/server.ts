import http from "http"
import type { AddressInfo } from "net"
import path from "path"

/**
 * The demo storefront: bundles app.tsx with esbuild, serves it at / and passes the store API
 * (/store, /auth, …) through to Medusa, so the page and the API share one origin (no CORS setup).
 */
export async function startStorefront(opts: {
  medusaUrl: string
  publishableKey: string
  klarnaSdkUrl: string
  port?: number
}) {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const esbuild = require("esbuild")
  const built = await esbuild.build({
    entryPoints: [path.join(__dirname, "app.tsx")],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2020",
    jsx: "automatic",
    minify: true,
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "silent",
  })
  const script = built.outputFiles[0].contents as Uint8Array
  const backend = new URL(opts.medusaUrl)

  let url = ""
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? "/", "http://x").pathname
    if (pathname === "/" || pathname === "/index.html") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" })
      res.end(page({ backendUrl: url, publishableKey: opts.publishableKey, klarnaSdkUrl: opts.klarnaSdkUrl }))
      return
    }
    if (pathname === "/app.js") {
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache" })
      res.end(script)
      return
    }
    if (pathname === "/favicon.ico") {
      res.writeHead(204).end()
      return
    }
    const upstream = http.request(
      { host: backend.hostname, port: backend.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers)
        up.pipe(res)
      }
    )
    upstream.on("error", (e) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" })
      res.end(`proxy error: ${e.message}`)
    })
    req.pipe(upstream)
  })
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve))
  url = `http://localhost:${(server.address() as AddressInfo).port}`
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

const page = (config: Record<string, string>) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Klarna demo store</title>
<style>
  body { font: 15px/1.45 system-ui, sans-serif; margin: 0; background: #f6f6f4; color: #17120f }
  main { max-width: 760px; margin: 0 auto; padding: 24px 16px 64px }
  section { background: #fff; border-radius: 10px; padding: 16px 20px; margin: 14px 0; box-shadow: 0 1px 3px rgba(0,0,0,.06) }
  h1 { font-size: 24px } h2 { font-size: 17px; margin: 0 0 10px }
  button { font: inherit; padding: 6px 12px; border-radius: 6px; border: 1px solid #bbb; background: #fff; cursor: pointer }
  button:disabled { opacity: .5; cursor: default }
  .products { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 10px }
  .product { display: flex; flex-direction: column; gap: 6px; border: 1px solid #eee; border-radius: 8px; padding: 10px }
  .line { display: flex; gap: 10px; align-items: center; padding: 4px 0 } .line span:first-child { flex: 1 }
  .form { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 14px; margin-bottom: 10px }
  .form label { display: flex; flex-direction: column; font-size: 13px; color: #555 }
  .form input { font: inherit; padding: 6px 8px; border: 1px solid #ccc; border-radius: 6px; color: #17120f }
  .option { display: block; padding: 4px 0 }
  [data-testid="klarna-pay-button"] { margin-top: 12px; background: #ffb3c7; border: 0; font-weight: 600; padding: 10px 18px }
  [role="alert"] { color: #b3261e; font-weight: 600 }
</style>
</head>
<body>
<div id="root"></div>
<script>window.__STOREFRONT__ = ${JSON.stringify(config).replace(/</g, "\\u003c")}</script>
<script src="/app.js"></script>
</body>
</html>`
