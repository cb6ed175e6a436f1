import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createUserAccountWorkflow } from "@medusajs/medusa/core-flows"

/** Creates an admin user and logs in over HTTP like the dashboard does; returns request headers. */
export async function createAdminHeaders(container: MedusaContainer, api: any, email = "admin@example.com") {
  const password = "supersecret-admin"
  const auth = container.resolve(Modules.AUTH)
  const { authIdentity } = await auth.register("emailpass", { body: { email, password } } as any)
  const { result: user } = await createUserAccountWorkflow(container).run({
    input: { authIdentityId: authIdentity!.id, userData: { email } },
  })
  const { data } = await api.post("/auth/user/emailpass", { email, password })
  return { userId: user.id, headers: { authorization: `Bearer ${data.token}` } }
}
