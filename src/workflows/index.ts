export * from "./capture-klarna"
export * from "./submit-klarna-authorization"
export * from "./extend-klarna-authorizations"
export * from "./settle-canceled-klarna-order"
