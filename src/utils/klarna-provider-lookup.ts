import { MedusaError, Modules } from "@medusajs/framework/utils"
import type { KlarnaProviderService } from "../providers/klarna/service"

export const isKlarnaProviderId = (providerId?: string | null): providerId is string =>
  !!providerId && providerId.startsWith("pp_klarna")

/** The part of the payment module's internals read here (not in Medusa's public types). */
type PaymentModuleInternals = { paymentProviderService_?: { retrieveProvider?: (id: string) => unknown } }

const isKlarnaProvider = (provider: unknown): provider is KlarnaProviderService =>
  typeof (provider as Partial<KlarnaProviderService> | undefined)?.klarnaClient === "function"

/**
 * The Klarna provider instance registered as `providerId` (e.g. "pp_klarna_klarna"), so captures
 * and admin actions use the credentials of the provider that authorized the payment.
 *
 * The one place the plugin reaches a Medusa internal: Medusa 2.21 has no public API for a
 * provider instance (they live in the payment module's own container; the module's public
 * methods return provider data only). This reads the module's provider service, the registry
 * Medusa itself calls providers through. The integration test "the provider adapter" fails
 * loudly if an upgrade moves it.
 */
export function getKlarnaProvider(
  scope: { resolve: (key: string) => unknown },
  providerId: string
): KlarnaProviderService {
  if (!isKlarnaProviderId(providerId)) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Payment provider ${providerId} is not a Klarna provider`)
  }
  const paymentModule = scope.resolve(Modules.PAYMENT) as PaymentModuleInternals
  const providerService = paymentModule.paymentProviderService_
  let provider: unknown
  try {
    provider = providerService?.retrieveProvider?.(providerId)
  } catch {
    provider = undefined
  }
  if (!isKlarnaProvider(provider)) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Klarna provider ${providerId} is not registered`)
  }
  return provider
}
