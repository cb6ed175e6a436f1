import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { klarnaProviderIds } from "../../../utils/klarna-provider-lookup"

export const LIST_KLARNA_ACCOUNTS_STEP_ID = "klarna-list-settlement-accounts"

/** The Klarna provider instances whose payouts are synced (all enabled ones, or those asked for). */
export const listKlarnaAccountsStep = createStep(
  LIST_KLARNA_ACCOUNTS_STEP_ID,
  async (input: { provider_ids?: string[] }, { container }) => {
    const all = await klarnaProviderIds(container)
    return new StepResponse(input.provider_ids ? all.filter((id) => input.provider_ids!.includes(id)) : all)
  }
)
