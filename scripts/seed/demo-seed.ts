import { writeFileSync } from "fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createShippingOptionsWorkflow, createUserAccountWorkflow } from "@medusajs/medusa/core-flows"
import { seedKlarnaStore } from "./seed-store"

/**
 * `medusa exec ./scripts/seed/demo-seed.ts`: the demo store (Sweden, SEK incl. 25 % VAT, Klarna)
 * plus an admin user. Writes what the demo needs (publishable key, ids) to $DEMO_SEED_OUT.
 */
export default async function demoSeed({ container }: ExecArgs) {
  const store = await seedKlarnaStore(container)
  await addServicePointOption(container, store)
  const email = process.env.DEMO_ADMIN_EMAIL || "admin@example.com"
  const password = process.env.DEMO_ADMIN_PASSWORD || "supersecret"
  const { authIdentity } = await container
    .resolve(Modules.AUTH)
    .register("emailpass", { body: { email, password } } as any)
  await createUserAccountWorkflow(container).run({ input: { authIdentityId: authIdentity!.id, userData: { email } } })
  if (process.env.DEMO_SEED_OUT)
    writeFileSync(process.env.DEMO_SEED_OUT, JSON.stringify({ ...store, admin: { email, password } }, null, 2))
}

/**
 * A second shipping option at the same price as PostNord Home: switching between them changes an
 * order line but not the total (the storefront's changed-cart case).
 */
async function addServicePointOption(
  container: ExecArgs["container"],
  store: { shipping_option_id: string; region_id: string }
) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "shipping_option",
    fields: ["service_zone_id", "shipping_profile_id"],
    filters: { id: store.shipping_option_id },
  })
  await createShippingOptionsWorkflow(container).run({
    input: [
      {
        name: "PostNord Service Point",
        price_type: "flat",
        provider_id: "manual_manual",
        service_zone_id: data[0].service_zone_id,
        shipping_profile_id: data[0].shipping_profile_id,
        type: { label: "Service point", description: "Pick up at a service point", code: "service-point" },
        prices: [
          { currency_code: "sek", amount: 49 },
          { region_id: store.region_id, amount: 49 },
        ],
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" },
          { attribute: "is_return", value: "false", operator: "eq" },
        ],
        metadata: { klarna_shipping_company: "PostNord", klarna_shipping_method: "PickUpPoint" },
      } as any,
    ],
  })
}
