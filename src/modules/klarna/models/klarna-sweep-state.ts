import { model } from "@medusajs/framework/utils"

/**
 * How far a scheduled sweep has looked (database time): the next run reads only what changed
 * since, less an overlap. `id` names the sweep (e.g. "capture-intents").
 */
export const KlarnaSweepState = model.define("klarna_sweep_state", {
  id: model.text().primaryKey(),
  swept_until: model.dateTime(),
})
