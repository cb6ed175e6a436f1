import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { accountOf } from "../klarna-accounts"
import { syncAccountPayouts, type AccountSyncResult } from "../sync-account"

export const SYNC_KLARNA_PAYOUTS_STEP_ID = "klarna-sync-payouts"

/**
 * Syncs the accounts one after the other. Every write is idempotent (unique payment_reference and
 * transaction keys), so there is nothing to compensate: a failed run is simply run again.
 */
export const syncKlarnaPayoutsStep = createStep(
  SYNC_KLARNA_PAYOUTS_STEP_ID,
  async (providerIds: string[], { container }) => {
    const accounts: AccountSyncResult[] = []
    for (const providerId of providerIds) {
      const account = accountOf(container, providerId)
      if (!account)
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `Klarna provider ${providerId} is not registered`)
      accounts.push(await syncAccountPayouts(container, account))
    }
    return new StepResponse(accounts)
  }
)
