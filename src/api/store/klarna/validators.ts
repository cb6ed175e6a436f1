import { z } from "@medusajs/framework/zod"

export const StoreKlarnaAuthorization = z
  .object({
    authorization_token: z
      .string()
      .min(1)
      .max(512)
      .regex(/^[A-Za-z0-9._~-]+$/, "must be a Klarna authorization token"),
  })
  .strict()
export type StoreKlarnaAuthorizationType = z.infer<typeof StoreKlarnaAuthorization>

export const KlarnaAuthorizationCallback = z
  .object({ authorization_token: StoreKlarnaAuthorization.shape.authorization_token, session_id: z.string().max(255).optional() })
  .passthrough()
export type KlarnaAuthorizationCallbackType = z.infer<typeof KlarnaAuthorizationCallback>
