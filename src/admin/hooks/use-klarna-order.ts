import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import {
  addShippingInfo,
  createManualCapture,
  extendDueDate,
  fetchExtendDueDateOptions,
  fetchKlarnaOrder,
  httpStatusOf,
  retryCaptures,
  triggerSendOut,
} from "../lib/klarna-api"
import type { ManualCaptureBody, ShippingInfo } from "../lib/types"

export const klarnaOrderKey = (orderId: string) => ["klarna", "order", orderId] as const

/** The Klarna side of a Medusa order; `data` is null when the order was not paid with Klarna. */
export function useKlarnaOrder(orderId: string, enabled = true) {
  return useQuery({
    queryKey: klarnaOrderKey(orderId),
    queryFn: () => fetchKlarnaOrder(orderId),
    enabled,
    retry: (count, error) => httpStatusOf(error) !== 404 && httpStatusOf(error) !== 401 && count < 1,
    refetchOnWindowFocus: false,
    // a pending capture settles in the background (retries, scheduled job): keep the panel current
    refetchInterval: (query) => (query.state.data?.capture_records?.some((r) => r.status === "pending") ? 5000 : false),
  })
}

export function useExtendDueDateOptions(orderId: string, captureId: string | undefined) {
  return useQuery({
    queryKey: ["klarna", "extend-due-date-options", orderId, captureId],
    queryFn: () => fetchExtendDueDateOptions(orderId, captureId!),
    enabled: !!captureId,
    retry: false,
    staleTime: 0,
    gcTime: 0,
  })
}

/** Refreshes the panel (and the core order page when money moved) after an action. */
function useRefresh(orderId: string) {
  const queryClient = useQueryClient()
  return async (orderToo = false) => {
    await queryClient.invalidateQueries({ queryKey: klarnaOrderKey(orderId) })
    if (orderToo) await queryClient.invalidateQueries({ queryKey: ["orders"] })
  }
}

export function useExtendDueDate(orderId: string) {
  const refresh = useRefresh(orderId)
  return useMutation({
    mutationFn: (v: { captureId: string; numberOfDays: number }) => extendDueDate(orderId, v.captureId, v.numberOfDays),
    onSettled: () => refresh(),
  })
}

export function useAddShippingInfo(orderId: string) {
  const refresh = useRefresh(orderId)
  return useMutation({
    mutationFn: (v: { captureId: string; shippingInfo: ShippingInfo[] }) =>
      addShippingInfo(orderId, v.captureId, v.shippingInfo),
    onSettled: () => refresh(),
  })
}

export function useTriggerSendOut(orderId: string) {
  const refresh = useRefresh(orderId)
  return useMutation({
    mutationFn: (v: { captureId: string }) => triggerSendOut(orderId, v.captureId),
    onSettled: () => refresh(),
  })
}

export function useManualCapture(orderId: string) {
  const refresh = useRefresh(orderId)
  return useMutation({
    mutationFn: (v: { body: ManualCaptureBody; idempotencyKey: string }) =>
      createManualCapture(orderId, v.body, v.idempotencyKey),
    onSettled: () => refresh(true),
  })
}

export function useRetryCaptures(orderId: string) {
  const refresh = useRefresh(orderId)
  return useMutation({
    mutationFn: () => retryCaptures(orderId),
    onSettled: () => refresh(true),
  })
}
