import { MedusaError, Modules } from "@medusajs/framework/utils"
import type { KlarnaProviderService } from "../providers/klarna/service"

export const isKlarnaProviderId = (providerId?: string | null): providerId is string =>
  !!providerId && providerId.startsWith("pp_klarna")

/**
 * The Klarna provider instance registered as `providerId` (e.g. "pp_klarna_klarna"), so admin
 * actions use the credentials of the provider that authorized the payment. Medusa keeps provider
 * instances inside the payment module; this reads them through the module's provider service,
 * the same registry Medusa itself uses to call providers.
 */
export function getKlarnaProvider(scope: { resolve: (key: string) => any }, providerId: string): KlarnaProviderService {
  if (!isKlarnaProviderId(providerId)) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Payment provider ${providerId} is not a Klarna provider`)
  }
  const paymentModule = scope.resolve(Modules.PAYMENT)
  const providerService = paymentModule.paymentProviderService_
  const provider = providerService?.retrieveProvider?.(providerId)
  if (!provider || typeof provider.klarnaClient !== "function") {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Klarna provider ${providerId} is not registered`)
  }
  return provider as KlarnaProviderService
}
