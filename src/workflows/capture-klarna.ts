// The plugin's capture API for routes, subscribers and jobs.
export type { CaptureKlarnaInput, KlarnaCaptureRecord } from "./klarna-capture/types"
export { captureKlarnaWorkflow } from "./capture-klarna-workflow"
export { retryKlarnaCapturesWorkflow } from "./retry-klarna-captures"
