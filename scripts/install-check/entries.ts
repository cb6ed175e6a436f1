// Compiled with `tsc --strict` inside the install check's store: every public entry of the
// installed package resolves through its `exports` map to type declarations (strict mode fails on
// an entry without them), and the declared types are the ones a store or storefront relies on.
import klarnaAdmin from "medusa-plugin-klarna/admin"
import klarnaModule, { KLARNA_MODULE } from "medusa-plugin-klarna/modules/klarna"
import klarnaProvider from "medusa-plugin-klarna/providers/klarna"
import { findKlarnaSession, klarnaOutcome, submitAuthorization } from "medusa-plugin-klarna/storefront"
import { KlarnaPayment, type KlarnaPaymentProps } from "medusa-plugin-klarna/storefront/react"
import * as workflows from "medusa-plugin-klarna/workflows"

const moduleName: "klarna" = KLARNA_MODULE
const services: unknown[] = [klarnaModule.service, klarnaProvider.services]
const submit: (options: Parameters<typeof submitAuthorization>[0]) => Promise<unknown> = submitAuthorization
const outcome: ReturnType<typeof klarnaOutcome>["kind"] = "approved"
const session: ReturnType<typeof findKlarnaSession> = undefined
const payment: (props: KlarnaPaymentProps) => unknown = KlarnaPayment
const zones: string[][] = klarnaAdmin.widgetModule.widgets.map((w) => w.zone)
const workflowNames: string[] = Object.keys(workflows)

export const entries = { moduleName, services, submit, outcome, session, payment, zones, workflowNames }
