import type { MedusaContainer } from "@medusajs/framework/types"
import { syncKlarnaSettlementsWorkflow } from "../workflows/settlements/sync-klarna-settlements"

/** Pulls new Klarna payouts of every configured account and reconciles them with Medusa's captures and refunds. */
export default async function syncKlarnaSettlementsJob(container: MedusaContainer) {
  await syncKlarnaSettlementsWorkflow(container).run({ input: {} })
}

// KLARNA_SETTLEMENTS_SYNC_SCHEDULE: another cron expression (default hourly)
export const config = {
  name: "klarna-sync-settlements",
  schedule: process.env.KLARNA_SETTLEMENTS_SYNC_SCHEDULE || "0 * * * *",
}
