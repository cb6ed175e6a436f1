import { writeFileSync } from "fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createUserAccountWorkflow } from "@medusajs/medusa/core-flows"
import { seedKlarnaStore } from "../seed/seed-store"

/**
 * `medusa exec ./scripts/install-check/seed.ts` inside the install check's store (which gets a copy of
 * both files at the same paths): the repo's Swedish Klarna store and an admin user, written to $SEED_OUT.
 */
export default async function seed({ container }: ExecArgs) {
  const store = await seedKlarnaStore(container)
  const email = "admin@example.com"
  const password = "supersecret"
  const { authIdentity } = await container
    .resolve(Modules.AUTH)
    .register("emailpass", { body: { email, password } } as any)
  await createUserAccountWorkflow(container).run({ input: { authIdentityId: authIdentity!.id, userData: { email } } })
  writeFileSync(process.env.SEED_OUT!, JSON.stringify({ ...store, admin: { email, password } }, null, 2))
}
