import { model } from "@medusajs/framework/utils"

/** Audit trail of what was done at Klarna for an order, by whom (admin actor id or "system"). */
export const KlarnaAction = model.define("klarna_action", {
  id: model.id({ prefix: "kact" }).primaryKey(),
  order_id: model.text().index(),
  klarna_order_id: model.text(),
  klarna_capture_id: model.text().nullable(),
  action: model.text(),
  actor_id: model.text().nullable(),
  outcome: model.enum(["succeeded", "failed"]).default("succeeded"),
  details: model.json().nullable(),
})
