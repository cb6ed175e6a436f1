import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import type { CaptureKlarnaInput } from "./klarna-capture/types"
import { prepareKlarnaCaptureStep } from "./steps/prepare-klarna-capture"
import { recordMedusaCaptureStep } from "./steps/record-medusa-capture"
import { sendKlarnaCaptureStep } from "./steps/send-klarna-capture"



/**
 * One Klarna capture, exactly once per `source_key` (a fulfillment, or a manual capture). Captures
 * of one order run one at a time, since each plans against the ones before it.
 */
export const captureKlarnaWorkflow = createWorkflow("klarna-capture", (input: CaptureKlarnaInput) => {
  const lockKey = transform({ input }, ({ input }) => `klarna-capture:${input.order_id}`)
  acquireLockStep({ key: lockKey, timeout: 60, ttl: 120, executeOnSubWorkflow: true })
  const prepared = prepareKlarnaCaptureStep(input)
  const sent = sendKlarnaCaptureStep(prepared)
  const recorded = recordMedusaCaptureStep(sent)
  releaseLockStep({ key: lockKey, executeOnSubWorkflow: true } as any)
  return new WorkflowResponse(recorded)
})
