import { writeFileSync } from "fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createUserAccountWorkflow } from "@medusajs/medusa/core-flows"
import { seedKlarnaStore } from "./seed-store"

/**
 * `medusa exec ./scripts/seed/demo-seed.ts`: the demo store (Sweden, SEK incl. 25 % VAT, Klarna)
 * plus an admin user. Writes what the demo needs (publishable key, ids) to $DEMO_SEED_OUT.
 */
export default async function demoSeed({ container }: ExecArgs) {
  const store = await seedKlarnaStore(container)
  const email = process.env.DEMO_ADMIN_EMAIL || "admin@example.com"
  const password = process.env.DEMO_ADMIN_PASSWORD || "supersecret"
  const { authIdentity } = await container.resolve(Modules.AUTH).register("emailpass", { body: { email, password } } as any)
  await createUserAccountWorkflow(container).run({ input: { authIdentityId: authIdentity!.id, userData: { email } } })
  if (process.env.DEMO_SEED_OUT) writeFileSync(process.env.DEMO_SEED_OUT, JSON.stringify({ ...store, admin: { email, password } }, null, 2))
}
