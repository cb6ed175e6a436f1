export * from "./capture"
export * from "./authorization/submit-klarna-authorization"
export * from "./authorization/extend-klarna-authorizations"
export * from "./klarna-order-cancel/settle-canceled-klarna-order"
