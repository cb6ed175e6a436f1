import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createInventoryLevelsWorkflow,
  createProductsWorkflow,
  createPromotionsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"

export interface SeededStore {
  region_id: string
  sales_channel_id: string
  publishable_key: string
  stock_location_id: string
  shipping_option_id: string
  /** variant id by sku */
  variants: Record<string, string>
  promo_code: string
}

export interface SeedOptions {
  providerIds?: string[]
  currency?: string
  country?: string
  taxRate?: number
  products?: { title: string; sku: string; price: number }[]
  shippingPrice?: number
  /** units of each product in stock (1000) */
  stock?: number
}

const DEFAULT_PRODUCTS = [
  { title: "Wool Scarf", sku: "SCARF-GREY", price: 33.33 },
  { title: "Sticker", sku: "STICKER-1", price: 0.99 },
  { title: "Rain Jacket", sku: "JACKET-M", price: 1299 },
]

/**
 * A small Swedish store that sells with Klarna: SEK prices including 25 % VAT, one warehouse, one
 * shipping option ("PostNord Home", 49 SEK), three products with stock and a 15 % promotion code.
 */
export async function seedKlarnaStore(container: MedusaContainer, opts: SeedOptions = {}): Promise<SeededStore> {
  const currency = opts.currency ?? "sek"
  const country = opts.country ?? "se"
  const products = opts.products ?? DEFAULT_PRODUCTS
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const [store] = await container.resolve(Modules.STORE).listStores()

  const {
    result: [channel],
  } = await createSalesChannelsWorkflow(container).run({ input: { salesChannelsData: [{ name: "Webshop" }] } })
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: {
        supported_currencies: [{ currency_code: currency, is_default: true, is_tax_inclusive: true }],
        default_sales_channel_id: channel.id,
      },
    },
  })
  const {
    result: [region],
  } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        {
          name: country.toUpperCase(),
          currency_code: currency,
          countries: [country],
          payment_providers: opts.providerIds ?? ["pp_klarna_klarna"],
          automatic_taxes: true,
          is_tax_inclusive: true,
        },
      ],
    },
  })
  await createTaxRegionsWorkflow(container).run({
    input: [
      {
        country_code: country,
        provider_id: "tp_system",
        default_tax_rate: { rate: opts.taxRate ?? 25, code: "VAT", name: "VAT" },
      },
    ],
  })

  const {
    result: [location],
  } = await createStockLocationsWorkflow(container).run({
    input: {
      locations: [
        {
          name: "Main warehouse",
          address: { address_1: "Lagergatan 1", city: "Stockholm", country_code: country.toUpperCase() },
        },
      ],
    },
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })
  let [profile] = await fulfillment.listShippingProfiles({ type: "default" })
  if (!profile) {
    const { result } = await createShippingProfilesWorkflow(container).run({
      input: { data: [{ name: "Default shipping profile", type: "default" }] },
    })
    profile = result[0] as any
  }
  const fulfillmentSet = await fulfillment.createFulfillmentSets({
    name: "Main warehouse delivery",
    type: "shipping",
    service_zones: [{ name: country.toUpperCase(), geo_zones: [{ country_code: country, type: "country" }] }],
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
  })
  const {
    result: [shippingOption],
  } = await createShippingOptionsWorkflow(container).run({
    input: [
      {
        name: "PostNord Home",
        price_type: "flat",
        provider_id: "manual_manual",
        service_zone_id: fulfillmentSet.service_zones[0].id,
        shipping_profile_id: profile.id,
        type: { label: "Standard", description: "Delivered in 2-3 days", code: "standard" },
        prices: [
          { currency_code: currency, amount: opts.shippingPrice ?? 49 },
          { region_id: region.id, amount: opts.shippingPrice ?? 49 },
        ],
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" },
          { attribute: "is_return", value: "false", operator: "eq" },
        ],
        metadata: { klarna_shipping_company: "PostNord", klarna_shipping_method: "Home" },
      } as any,
    ],
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: location.id, add: [channel.id] } })

  const {
    result: [apiKey],
  } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: "Webshop", type: "publishable", created_by: "seed" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: apiKey.id, add: [channel.id] } })

  const { result: created } = await createProductsWorkflow(container).run({
    input: {
      products: products.map((p) => ({
        title: p.title,
        handle: p.sku.toLowerCase(),
        status: "published" as any,
        shipping_profile_id: profile.id,
        options: [{ title: "Variant", values: ["Default"] }],
        variants: [
          {
            title: "Default",
            sku: p.sku,
            options: { Variant: "Default" },
            manage_inventory: true,
            prices: [{ amount: p.price, currency_code: currency }],
          },
        ],
        sales_channels: [{ id: channel.id }],
      })),
    },
  })
  const { data: inventoryItems } = await query.graph({ entity: "inventory_item", fields: ["id"] })
  await createInventoryLevelsWorkflow(container).run({
    input: {
      inventory_levels: inventoryItems.map((i: any) => ({
        location_id: location.id,
        stocked_quantity: opts.stock ?? 1000,
        inventory_item_id: i.id,
      })),
    },
  })

  const promoCode = "KLARNA15"
  await createPromotionsWorkflow(container).run({
    input: {
      promotionsData: [
        {
          code: promoCode,
          type: "standard",
          status: "active",
          is_automatic: false,
          application_method: { type: "percentage", target_type: "items", allocation: "across", value: 15 },
        } as any,
      ],
    },
  })

  const variants: Record<string, string> = {}
  for (const product of created) for (const v of product.variants ?? []) variants[v.sku!] = v.id
  return {
    region_id: region.id,
    sales_channel_id: channel.id,
    publishable_key: apiKey.token,
    stock_location_id: location.id,
    shipping_option_id: shippingOption.id,
    variants,
    promo_code: promoCode,
  }
}
