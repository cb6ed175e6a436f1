export * from "./capture"
export * from "./submit-klarna-authorization"
export * from "./extend-klarna-authorizations"
export * from "./settle-canceled-klarna-order"
