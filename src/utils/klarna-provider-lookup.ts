import type { IPaymentModuleService } from "@medusajs/framework/types"
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

/** The enabled Klarna provider ids with a loaded instance: every Klarna account configured in medusa-config. */
export async function klarnaProviderIds(scope: { resolve: (key: string) => unknown }): Promise<string[]> {
  const payments = scope.resolve(Modules.PAYMENT) as {
    listPaymentProviders: IPaymentModuleService["listPaymentProviders"]
  }
  const providers = await payments.listPaymentProviders({ is_enabled: true })
  return providers
    .map((p) => p.id)
    .filter((id) => {
      if (!isKlarnaProviderId(id)) return false
      try {
        return !!getKlarnaProvider(scope, id)
      } catch {
        return false
      }
    })
}
