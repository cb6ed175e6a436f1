export * from "./get-klarna-order"
export * from "./klarna-capture-reads"
export * from "./klarna-capture-actions"
export * from "./admin-captures"
