export * from "./klarna-capture-actions"
export * from "./admin-captures"
