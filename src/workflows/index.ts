export * from "./capture"
export * from "./authorization/submit-klarna-authorization"
export * from "./extend-klarna-authorizations"
export * from "./settle-canceled-klarna-order"
