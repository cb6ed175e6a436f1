import http from "node:http"

/** A GET over node:http with a keep-alive agent: the floor the clients are compared with. */
export function rawGetJson(agent: http.Agent, url: URL, headers: http.OutgoingHttpHeaders): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: url.hostname, port: url.port, path: url.pathname, method: "GET", headers },
      (res) => {
        const chunks: Buffer[] = []
        res.on("data", (c: Buffer) => chunks.push(c))
        res.on("end", () => {
          if (!res.statusCode || res.statusCode >= 300) {
            reject(new Error(`raw GET ${url.pathname}: HTTP ${res.statusCode}`))
            return
          }
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")))
          } catch (e) {
            reject(e)
          }
        })
        res.on("error", reject)
      }
    )
    req.on("error", reject)
    req.end()
  })
}
