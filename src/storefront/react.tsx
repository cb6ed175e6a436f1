"use client"
import { useCallback, useEffect, useRef, useState } from "react"
// through the framework-free entry, so that the storefront package's React entry reuses it instead of bundling a copy
import {
  authorizeKlarna,
  klarnaOutcome,
  klarnaOutcomeMessage,
  klarnaSessionInfo,
  mountKlarnaWidget,
  submitAuthorization,
  type MedusaPaymentSessionLike,
} from "./index"

export interface KlarnaPaymentProps {
  /** the cart's Klarna payment session (cart.payment_collection.payment_sessions[], provider pp_klarna_*) */
  session: MedusaPaymentSessionLike
  /** Medusa's URL and the store's publishable key, as for @medusajs/js-sdk */
  backendUrl: string
  publishableKey: string
  /** the token is with the plugin: place the order now (the DTC starter's placeOrder, POST /store/carts/:id/complete); a returned promise is awaited */
  onAuthorized: (result: { paymentSessionId: string; authorizationToken: string }) => unknown
  /** Klarna refused; the widget is hidden, offer another payment method */
  onDeclined?: (message: string) => void
  /** the shopper closed Klarna's dialog; the widget stays */
  onAbandoned?: (message: string) => void
  /** the script, the widget or the store API failed */
  onError?: (error: Error) => void
  /** Klarna payment method category; default: the first one Klarna offers for this session */
  category?: string
  /** Klarna's script URL; set it to `<emulator>/kp/lib/v1/api.js` to use the Klarna emulator */
  sdkUrl?: string
  buttonLabel?: string
  disabled?: boolean
  className?: string
}

type Phase = "loading" | "ready" | "authorizing" | "unavailable"

/**
 * Klarna's widget and a pay button for a storefront's payment step (in Medusa's DTC starter: the checkout's
 * payment button): render it where the storefront renders its pay button when the selected session is Klarna's.
 */
export function KlarnaPayment(props: KlarnaPaymentProps) {
  const { session, backendUrl, publishableKey, sdkUrl, onAuthorized, onDeclined, onAbandoned, onError } = props
  const container = useRef<HTMLDivElement>(null)
  const [phase, setPhase] = useState<Phase>("loading")
  const [message, setMessage] = useState<string>()
  const info = klarnaSessionInfo(session)
  const category = props.category ?? info.categories[0]?.identifier ?? "pay_later"

  const fail = useCallback(
    (error: unknown) => {
      const e = error instanceof Error ? error : new Error(String(error))
      setMessage(e.message)
      onError?.(e)
    },
    [onError]
  )

  useEffect(() => {
    let current = true
    setPhase("loading")
    setMessage(undefined)
    mountKlarnaWidget(container.current!, info.client_token, category, { url: sdkUrl }).then(
      (result) => {
        if (!current) return
        setPhase(result.show_form ? "ready" : "unavailable")
        if (!result.show_form) setMessage("Klarna is not available for this purchase.")
      },
      (e) => current && (setPhase("unavailable"), fail(e))
    )
    return () => {
      current = false
    }
  }, [info.client_token, category, sdkUrl, fail])

  const pay = async () => {
    setPhase("authorizing")
    setMessage(undefined)
    try {
      const outcome = klarnaOutcome(await authorizeKlarna(category, undefined, { url: sdkUrl }))
      if (outcome.kind === "approved") {
        await submitAuthorization({
          backendUrl,
          publishableKey,
          paymentSessionId: info.payment_session_id,
          authorizationToken: outcome.authorization_token,
        })
        await onAuthorized({
          paymentSessionId: info.payment_session_id,
          authorizationToken: outcome.authorization_token,
        })
        setPhase("ready")
        return
      }
      const text = klarnaOutcomeMessage(outcome)!
      setMessage(text)
      setPhase(outcome.kind === "declined" ? "unavailable" : "ready")
      if (outcome.kind === "declined") onDeclined?.(text)
      else onAbandoned?.(text)
    } catch (e) {
      setPhase("ready")
      fail(e)
    }
  }

  return (
    <div className={props.className} data-testid="klarna-payment" data-phase={phase}>
      <div ref={container} data-testid="klarna-container" hidden={phase === "unavailable"} />
      {message && (
        <p role="alert" data-testid="klarna-message">
          {message}
        </p>
      )}
      {phase !== "unavailable" && (
        <button
          type="button"
          data-testid="klarna-pay-button"
          onClick={pay}
          disabled={props.disabled || phase !== "ready"}
        >
          {props.buttonLabel ?? "Pay with Klarna"}
        </button>
      )}
    </div>
  )
}
