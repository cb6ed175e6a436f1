import { createReadStream, existsSync, readFileSync, statSync } from "fs"
import http from "http"
import type { AddressInfo } from "net"
import path from "path"

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
}

/**
 * Serves an admin-only build (`medusa build --admin-only`) at /app, as `medusa start` serves
 * public/admin, and passes every other path (/admin, /auth, /store, …) through to the Medusa
 * server: one origin, so the dashboard's session cookie works as in production.
 */
export async function startAdminServer(opts: { adminDir: string; backendUrl: string; basePath?: string }) {
  const base = opts.basePath ?? "/app"
  const index = readFileSync(path.join(opts.adminDir, "index.html"))
  const backend = new URL(opts.backendUrl)

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x")
    if (url.pathname === base || url.pathname.startsWith(`${base}/`)) {
      const rel = decodeURIComponent(url.pathname.slice(base.length)).replace(/^\/+/, "")
      const file = path.resolve(opts.adminDir, rel)
      if (rel && file.startsWith(opts.adminDir + path.sep) && existsSync(file) && statSync(file).isFile()) {
        res.writeHead(200, {
          "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
          "cache-control": "max-age=31536000, immutable",
        })
        createReadStream(file).pipe(res)
      } else {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" })
        res.end(index)
      }
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
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
