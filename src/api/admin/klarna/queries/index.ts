export * from "./klarna-order"
export * from "./klarna-captures"
export * from "./klarna-records"
export * from "./klarna-payouts"
