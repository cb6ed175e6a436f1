/** A merchant changing a placed order through Medusa's own admin API (order edits and returns). */
export function orderChanges(api: any, headers: () => Record<string, any>) {
  return {
    /** begin an order edit, apply `change`, request and confirm it (Medusa's edit routes take the order id) */
    async edit(orderId: string, change: () => Promise<unknown>) {
      const { data } = await api.post("/admin/order-edits", { order_id: orderId }, headers())
      await change()
      await api.post(`/admin/order-edits/${orderId}/request`, {}, headers())
      await api.post(`/admin/order-edits/${orderId}/confirm`, {}, headers())
      return data.order_change.id as string
    },
    setQuantity: (orderId: string, itemId: string, quantity: number) =>
      api.post(`/admin/order-edits/${orderId}/items/item/${itemId}`, { quantity }, headers()),
    /** request a return of `items` and confirm the request */
    async requestReturn(orderId: string, items: { id: string; quantity: number }[], locationId: string) {
      const { data } = await api.post("/admin/returns", { order_id: orderId, location_id: locationId }, headers())
      const returnId = data.return.id as string
      await api.post(`/admin/returns/${returnId}/request-items`, { items }, headers())
      await api.post(`/admin/returns/${returnId}/request`, {}, headers())
      return returnId
    },
    async receiveReturn(returnId: string, items: { id: string; quantity: number }[]) {
      await api.post(`/admin/returns/${returnId}/receive`, {}, headers())
      await api.post(`/admin/returns/${returnId}/receive-items`, { items }, headers())
      await api.post(`/admin/returns/${returnId}/receive/confirm`, {}, headers())
    },
    /** exchange: `inbound` shipped items come back, `outbound` variants go out; confirmed */
    async exchange(
      orderId: string,
      inbound: { id: string; quantity: number }[],
      outbound: { variant_id: string; quantity: number }[],
      locationId: string,
      shippingOptionId: string
    ) {
      const { data } = await api.post("/admin/exchanges", { order_id: orderId }, headers())
      const exchangeId = data.exchange.id as string
      await api.post(
        `/admin/exchanges/${exchangeId}/inbound/items`,
        { items: inbound, location_id: locationId },
        headers()
      )
      await api.post(`/admin/exchanges/${exchangeId}/outbound/items`, { items: outbound }, headers())
      // the replacement goes out with the store's shipping option, free of charge
      await api.post(
        `/admin/exchanges/${exchangeId}/outbound/shipping-method`,
        { shipping_option_id: shippingOptionId, custom_amount: 0 },
        headers()
      )
      await api.post(`/admin/exchanges/${exchangeId}/request`, {}, headers())
      return exchangeId
    },
    /** a claim (replace): `inbound` shipped items come back, `outbound` variants go out as replacements; confirmed */
    async claim(
      orderId: string,
      inbound: { id: string; quantity: number }[],
      outbound: { variant_id: string; quantity: number }[],
      locationId: string,
      shippingOptionId: string
    ) {
      const { data } = await api.post("/admin/claims", { order_id: orderId, type: "replace" }, headers())
      const claimId = data.claim.id as string
      await api.post(`/admin/claims/${claimId}/inbound/items`, { items: inbound, location_id: locationId }, headers())
      await api.post(`/admin/claims/${claimId}/outbound/items`, { items: outbound }, headers())
      await api.post(
        `/admin/claims/${claimId}/outbound/shipping-method`,
        { shipping_option_id: shippingOptionId, custom_amount: 0 },
        headers()
      )
      await api.post(`/admin/claims/${claimId}/request`, {}, headers())
      return claimId
    },
  }
}
