import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import {
  addKlarnaCaptureShippingInfoWorkflow,
  adminCaptureKlarnaWorkflow,
  adminRetryKlarnaCaptures,
  extendKlarnaDueDateWorkflow,
  triggerKlarnaSendOutWorkflow,
} from "../workflows/klarna-admin"
import {
  displayIdsOfOrders,
  findOrderWithItems,
  getKlarnaExtendDueDateOptions,
  getKlarnaOrderCapture,
  getKlarnaOrderDetails,
  getPayout,
  listPayouts,
  listKlarnaCaptureRecords,
  listKlarnaCaptureRecordsByStatus,
  listKlarnaOrderCaptures,
  listOpenPayments,
  listPaymentSessionsAwaitingAuthorization,
  orderIdsOfPaymentCollections,
} from "../api/admin/klarna/queries"
import { actionView, captureRecordView, klarnaOrderView } from "../api/admin/klarna/views"
import type { KlarnaCaptureRecord } from "../modules/klarna/types"
import { getKlarnaProvider, isKlarnaProviderId } from "../utils/klarna-provider-lookup"
import type { OmOrder, ShippingInfo } from "../lib/klarna/types"

/**
 * The one place the MCP server touches the plugin's admin internals: the admin routes' read
 * helpers (queries) and write workflows (the same ones the routes call, so validation,
 * attribution and idempotency are the routes'), their response views and the plugin's records.
 * If a helper, workflow or view is renamed, this file is the only one to change.
 */

export { captureRecordView, actionView, klarnaOrderView }
export {
  AdminKlarnaCapture,
  AdminKlarnaExtendDueDate,
  AdminKlarnaShippingInfo,
  CaptureItem,
  ShippingInfoEntry,
} from "../api/admin/klarna/validators"
export { IDEMPOTENCY_KEY } from "../api/admin/klarna/helpers"
export { asKlarnaData } from "../providers/klarna/session-data"
export { isKlarnaProviderId }
export { klarnaErrorResponse } from "../api/utils/klarna-error-response"
export type { KlarnaCaptureActionResult } from "../workflows/klarna-admin"

type Scope = MedusaContainer
/** Who acts (req.auth_context.actor_id: an admin user id or a secret API key id) and the intent key. */
export type Attribution = { actor_id: string | null; request_key: string }
type CaptureRef = { order_id: string; capture_id: string }

export const klarnaAdmin = {
  getOrder: (scope: Scope, order_id: string) => getKlarnaOrderDetails(scope, order_id),

  listCaptures: async (scope: Scope, order_id: string) => listKlarnaOrderCaptures(scope, order_id),

  getCapture: (scope: Scope, input: CaptureRef) => getKlarnaOrderCapture(scope, input),

  getExtendDueDateOptions: (scope: Scope, input: CaptureRef) => getKlarnaExtendDueDateOptions(scope, input),

  extendDueDate: async (scope: Scope, input: CaptureRef & Attribution & { number_of_days: number }) =>
    (await extendKlarnaDueDateWorkflow(scope).run({ input })).result,

  addShippingInfo: async (scope: Scope, input: CaptureRef & Attribution & { shipping_info: ShippingInfo[] }) =>
    (await addKlarnaCaptureShippingInfoWorkflow(scope).run({ input })).result,

  triggerSendOut: async (scope: Scope, input: CaptureRef & Attribution) =>
    (await triggerKlarnaSendOutWorkflow(scope).run({ input })).result,

  capture: async (
    scope: Scope,
    input: Attribution & {
      order_id: string
      items?: { line_item_id: string; quantity: number }[]
      amount?: number
      shipping_info?: ShippingInfo[]
      description?: string
    }
  ) => (await adminCaptureKlarnaWorkflow(scope).run({ input })).result,

  retryCaptures: async (scope: Scope, input: { order_id: string; actor_id: string | null }) =>
    (await adminRetryKlarnaCaptures(scope, input)) ?? [],

  /** the plugin's capture records of an order, oldest first */
  listCaptureRecords: (scope: Scope, order_id: string) => listKlarnaCaptureRecords(scope, order_id),

  /** capture records in the given statuses across all orders, newest first, at most `take` */
  listCaptureRecordsByStatus: (scope: Scope, status: KlarnaCaptureRecord["status"][], take: number) =>
    listKlarnaCaptureRecordsByStatus(scope, status, take),

  /** payments neither captured nor canceled, newest first, at most `take` */
  listOpenPayments: (scope: Scope, take: number) => listOpenPayments(scope, take),

  /** payment sessions awaiting authorization (Klarna's fraud review), newest first, at most `take` */
  listPaymentSessionsAwaitingAuthorization: (scope: Scope, take: number) =>
    listPaymentSessionsAwaitingAuthorization(scope, take),

  orderIdsOfPaymentCollections: (scope: Scope, ids: string[]) => orderIdsOfPaymentCollections(scope, ids),

  displayIdsOfOrders: (scope: Scope, ids: string[]) => displayIdsOfOrders(scope, ids),

  /** one Klarna order read with the credentials of the provider instance that authorized it */
  readKlarnaOrder: async (scope: Scope, provider_id: string, klarna_order_id: string): Promise<OmOrder> =>
    getKlarnaProvider(scope, provider_id).klarnaClient().getOrder(klarna_order_id),

  /** synced Klarna payouts, newest first, with the captures not paid out in time */
  listPayouts: (
    scope: Scope,
    input: { limit: number; offset: number; status?: "pending" | "reconciled" | "discrepancies" }
  ) => listPayouts(scope, input),

  /** one payout with its transactions and their matches (404 MedusaError when unknown) */
  getPayout: (scope: Scope, payment_reference: string) => getPayout(scope, payment_reference),

  /** the order with this id or display id and its line items; undefined when there is none */
  findOrderWithItems: (scope: Scope, ref: { id: string } | { display_id: number }) => findOrderWithItems(scope, ref),

  /** ids of the enabled payment providers that are Klarna instances */
  enabledKlarnaProviderIds: async (scope: Scope): Promise<string[]> =>
    (await scope.resolve(Modules.PAYMENT).listPaymentProviders({ is_enabled: true }))
      .map((p) => p.id)
      .filter(isKlarnaProviderId),

  /** the provider instance's parsed options (mcp settings) */
  providerOptions: (scope: Scope, provider_id: string) => getKlarnaProvider(scope, provider_id).options,
}
