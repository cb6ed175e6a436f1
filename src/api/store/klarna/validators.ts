import { z } from "@medusajs/framework/zod"
import { klarnaId, plainText } from "../../utils/input-rules"

export const StoreKlarnaAuthorization = z
  .object({
    authorization_token: z
      .string({ error: "authorization_token must be a string" })
      .max(512, "authorization_token must be at most 512 characters")
      .min(1, "authorization_token is required")
      .regex(
        /^[A-Za-z0-9._~-]+$/,
        "authorization_token must be a Klarna authorization token (letters, digits, . _ ~ -)"
      )
      .refine((v) => !/^\.+$/.test(v), {
        message: "authorization_token must be a Klarna authorization token, not a dot segment",
      }),
  })
  .strict()
export type StoreKlarnaAuthorizationType = z.infer<typeof StoreKlarnaAuthorization>

/*
 * Klarna's callbacks may carry fields the plugin does not use; Medusa's validator makes any
 * object schema strict, so these are wrapped (a pipe has no .strict()) to let extra fields pass.
 */
const tolerant = <T extends z.ZodType>(schema: T) => schema.transform((v) => v)

/** Klarna's authorization callback: `{ authorization_token, session_id }` (session_id: the KP session id). */
export const KlarnaAuthorizationCallback = tolerant(
  z
    .object({
      authorization_token: StoreKlarnaAuthorization.shape.authorization_token,
      session_id: klarnaId("session_id").optional(),
    })
    .passthrough()
)
export type KlarnaAuthorizationCallbackType = { authorization_token: string; session_id?: string }

/** Klarna's fraud notification: `{ order_id, event_type }`. The plugin reads the order from Klarna; only its id is used. */
export const KlarnaNotificationCallback = tolerant(
  z.object({ order_id: klarnaId("order_id"), event_type: plainText(100, "event_type").optional() }).passthrough()
)
export type KlarnaNotificationCallbackType = { order_id: string; event_type?: string }
