// The `./admin` entry: the plugin's dashboard extensions as Medusa's admin bundler builds them
// (`medusa plugin:build`) and a store's admin build loads them. Nothing in it is meant to be
// imported by hand; these declarations say what it is.
import type { ComponentType } from "react"

export interface KlarnaAdminWidget {
  Component: ComponentType<{ data: unknown }>
  /** dashboard injection zones, e.g. "order.details.side.after" (the Klarna panel) */
  zone: string[]
  widgetId?: string
}

declare const plugin: {
  widgetModule: { widgets: KlarnaAdminWidget[] }
  [module: string]: unknown
}

export default plugin
