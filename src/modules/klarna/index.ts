import type { MedusaContainer } from "@medusajs/framework/types"
import { Module } from "@medusajs/framework/utils"
import KlarnaModuleService from "./service"

export const KLARNA_MODULE = "klarna"

/** The plugin's data module, resolved from a request's, workflow's or job's container. */
export const klarnaModule = (container: MedusaContainer) => container.resolve<KlarnaModuleService>(KLARNA_MODULE)

export default Module(KLARNA_MODULE, { service: KlarnaModuleService })
