// Tiny JSON-over-HTTP client for the demo's walk through Medusa's store and admin APIs.
function client(baseUrl, headers = {}) {
  const call = async (method, path, body, extra = {}) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers, ...extra },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    const data = text ? JSON.parse(text) : undefined
    if (!res.ok) {
      const err = new Error(`${method} ${path} → ${res.status}: ${text.slice(0, 500)}`)
      err.status = res.status
      err.data = data
      throw err
    }
    return data
  }
  return {
    get: (p) => call("GET", p),
    post: (p, b = {}) => call("POST", p, b),
    del: (p) => call("DELETE", p),
    withHeaders: (h) => client(baseUrl, { ...headers, ...h }),
  }
}

module.exports = { client }
