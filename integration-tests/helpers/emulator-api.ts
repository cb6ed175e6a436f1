/** The emulator's test controls (/__emulator/*), as a storefront/QA tool would use them. */
export function emulatorApi(baseUrl: () => string) {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    if (!res.ok) throw new Error(`emulator ${method} ${path} → ${res.status} ${text}`)
    return text ? JSON.parse(text) : undefined
  }
  return {
    authorize: (sessionId: string, body: Record<string, unknown> = {}) =>
      call("POST", `/__emulator/sessions/${sessionId}/authorize`, body),
    requests: (pathPrefix?: string): Promise<any[]> =>
      call("GET", `/__emulator/requests${pathPrefix ? `?path_prefix=${encodeURIComponent(pathPrefix)}` : ""}`),
    clearRequests: () => call("DELETE", "/__emulator/requests"),
    fault: (body: Record<string, unknown>) => call("POST", "/__emulator/faults", body),
    clearFaults: () => call("DELETE", "/__emulator/faults"),
    order: (orderId: string) => call("GET", `/__emulator/orders/${orderId}`),
    expire: (orderId: string, body?: Record<string, unknown>) =>
      call("POST", `/__emulator/orders/${orderId}/expire`, body ?? {}),
    /** Klarna's risk decision on raising this order's authorization */
    authorizationIncreases: (orderId: string, allow: boolean) =>
      call("POST", `/__emulator/orders/${orderId}/authorization-increases`, { allow }),
    fraudStatus: (orderId: string, fraud_status: string) =>
      call("POST", `/__emulator/orders/${orderId}/fraud-status`, { fraud_status }),
    /** the KP session as the merchant created/updated it (order_lines, amounts, merchant_urls) */
    session: async (sessionId: string) => (await call("GET", `/__emulator/sessions/${sessionId}`))?.data,
  }
}
export type EmulatorApi = ReturnType<typeof emulatorApi>
