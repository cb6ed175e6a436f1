import { writeFileSync } from "fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { seedKlarnaStore } from "../../scripts/seed/seed-store"

/** `medusa exec` entry of the e2e run: seeds the Klarna store and writes its ids to $E2E_SEED_OUT. */
export default async function seedE2eStore({ container }: ExecArgs) {
  const store = await seedKlarnaStore(container)
  if (process.env.E2E_SEED_OUT) writeFileSync(process.env.E2E_SEED_OUT, JSON.stringify(store, null, 2))
}
