// The plugin's capture pipeline, for subscribers, jobs, routes and other plugins.
export type { CaptureRequest, CaptureError, KlarnaCaptureRecord } from "./types"
export { captureFulfillmentWorkflow, captureFulfillmentWorkflowId } from "./capture-fulfillment"
export { processKlarnaCaptureWorkflow, processKlarnaCaptureWorkflowId } from "./process-capture"
export { runOrderCaptures } from "./run-order-captures"
export { runFulfillmentCapture } from "./run-fulfillment-capture"
export { retryKlarnaCaptures } from "./retry-captures"
export { reconcileCaptureIntents } from "./reconcile-intents"
