import { z } from "@medusajs/framework/zod"

export const StoreKlarnaAuthorization = z
  .object({
    authorization_token: z
      .string({ error: "authorization_token must be a string" })
      .max(512, "authorization_token must be at most 512 characters")
      .min(1, "authorization_token is required")
      .regex(/^[A-Za-z0-9._~-]+$/, "authorization_token must be a Klarna authorization token (letters, digits, . _ ~ -)"),
  })
  .strict()
export type StoreKlarnaAuthorizationType = z.infer<typeof StoreKlarnaAuthorization>

export const KlarnaAuthorizationCallback = z
  .object({ authorization_token: StoreKlarnaAuthorization.shape.authorization_token, session_id: z.string().max(255).optional() })
  .passthrough()
export type KlarnaAuthorizationCallbackType = z.infer<typeof KlarnaAuthorizationCallback>
