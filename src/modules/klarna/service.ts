import { MedusaService } from "@medusajs/framework/utils"
import { KlarnaAction } from "./models/klarna-action"
import { KlarnaCapture } from "./models/klarna-capture"
import { KlarnaOrderOperation } from "./models/klarna-order-operation"

export default class KlarnaModuleService extends MedusaService({ KlarnaCapture, KlarnaAction, KlarnaOrderOperation }) {}
