/**
 * The part of Klarna's Payments JS SDK (`window.Klarna.Payments`) a checkout uses, typed after
 * Klarna's documentation: init, load, authorize and their callback shapes.
 */
export interface KlarnaLoadOptions {
  /** CSS selector or element the widget renders into */
  container: string | HTMLElement
  payment_method_category: string
}

export interface KlarnaLoadResult {
  show_form: boolean
  error?: { invalid_fields?: string[]; message?: string }
}

export interface KlarnaAuthorizeResult {
  approved: boolean
  show_form: boolean
  authorization_token?: string
  finalize_required?: boolean
  error?: { invalid_fields?: string[]; message?: string }
}

export interface KlarnaPaymentsSdk {
  init(options: { client_token: string }): void
  load(
    options: KlarnaLoadOptions,
    data: Record<string, unknown> | undefined,
    callback: (result: KlarnaLoadResult) => void
  ): void
  authorize(
    options: { payment_method_category: string; auto_finalize?: boolean },
    data: Record<string, unknown> | undefined,
    callback: (result: KlarnaAuthorizeResult) => void
  ): void
}

declare global {
  interface Window {
    Klarna?: { Payments?: KlarnaPaymentsSdk }
  }
}
