import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { listKlarnaAccountsStep } from "./steps/list-klarna-accounts"
import { syncKlarnaPayoutsStep } from "./steps/sync-klarna-payouts"

export const SYNC_KLARNA_SETTLEMENTS_WORKFLOW_ID = "klarna-sync-settlements"

/** Pulls the payouts of every configured Klarna account (or of `provider_ids`) and reconciles them. */
export const syncKlarnaSettlementsWorkflow = createWorkflow(
  SYNC_KLARNA_SETTLEMENTS_WORKFLOW_ID,
  (input: { provider_ids?: string[] }) => {
    const providerIds = listKlarnaAccountsStep(input)
    return new WorkflowResponse(syncKlarnaPayoutsStep(providerIds))
  }
)
