import { storeConfig } from "../lib/config"
import { medusa } from "../lib/medusa"
import { Checkout, type Product } from "./checkout"

// the store's URL and key are read per request: one build serves any store
export const dynamic = "force-dynamic"

export default async function Page() {
  const config = storeConfig()
  const sdk = medusa()
  const { regions } = await sdk.store.region.list()
  const region = regions[0]
  if (!region) throw new Error("The store has no region")
  const { products } = await sdk.store.product.list({ region_id: region.id, fields: "*variants.calculated_price" })
  const catalog: Product[] = products.flatMap((p) =>
    (p.variants ?? []).slice(0, 1).map((v) => ({
      title: p.title,
      variantId: v.id,
      sku: v.sku ?? v.id,
      price: Number(v.calculated_price?.calculated_amount ?? 0),
    }))
  )
  return (
    <main>
      <h1>Klarna · Next.js storefront</h1>
      <Checkout config={config} regionId={region.id} currency={region.currency_code} products={catalog} />
    </main>
  )
}
