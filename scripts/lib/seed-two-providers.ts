import { writeFileSync } from "fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createUserAccountWorkflow } from "@medusajs/medusa/core-flows"
import { seedKlarnaStore } from "../seed/seed-store"

/**
 * `medusa exec ./scripts/lib/seed-two-providers.ts`: the demo store with both Klarna and Medusa's
 * system provider (pp_system_default) in the region, plus an admin user, for the chaos suite and
 * the capture benchmark. Writes the seed (publishable key, ids, admin login) to $DEMO_SEED_OUT.
 */
export default async function seedTwoProviders({ container }: ExecArgs) {
  const store = await seedKlarnaStore(container, {
    providerIds: ["pp_klarna_klarna", "pp_system_default"],
    // DEMO_SEED_STOCK: units of each product, for runs that ship more (bench:capture's memory run)
    stock: Number(process.env.DEMO_SEED_STOCK) || undefined,
  })
  const email = process.env.DEMO_ADMIN_EMAIL || "admin@example.com"
  const password = process.env.DEMO_ADMIN_PASSWORD || "supersecret"
  const { authIdentity } = await container
    .resolve(Modules.AUTH)
    .register("emailpass", { body: { email, password } } as any)
  await createUserAccountWorkflow(container).run({ input: { authIdentityId: authIdentity!.id, userData: { email } } })
  writeFileSync(process.env.DEMO_SEED_OUT!, JSON.stringify({ ...store, admin: { email, password } }, null, 2))
}
