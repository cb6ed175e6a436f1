import { Module } from "@medusajs/framework/utils"
import KlarnaModuleService from "./service"

export const KLARNA_MODULE = "klarna"

export default Module(KLARNA_MODULE, { service: KlarnaModuleService })
