import { ArrowUpRightOnBox, TruckFast } from "@medusajs/icons"
import { Text } from "@medusajs/ui"
import { SHIPPING_METHOD_LABELS, safeTrackingUrl } from "../../lib/shipping-info"
import type { ShippingInfo } from "../../lib/types"

/** A capture's shipping info; tracking numbers link to the carrier's tracking page. */
export const ShippingInfoList = ({ entries }: { entries: ShippingInfo[] }) => {
  if (!entries.length) return null
  return (
    <ul className="flex flex-col gap-y-1" data-testid="klarna-shipping-info">
      {entries.map((s, i) => {
        const href = safeTrackingUrl(s.tracking_uri)
        const carrier = [
          s.shipping_company,
          s.shipping_method ? (SHIPPING_METHOD_LABELS[s.shipping_method] ?? s.shipping_method) : null,
        ]
          .filter(Boolean)
          .join(" · ")
        return (
          <li key={i} className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-0.5">
            <TruckFast className="text-ui-fg-muted shrink-0" />
            {carrier ? (
              <Text size="small" leading="compact" className="text-ui-fg-subtle">
                {carrier}
              </Text>
            ) : null}
            {href ? (
              <a
                href={href}
                target="_blank"
                rel="noopener noreferrer"
                className="txt-compact-small text-ui-fg-interactive hover:text-ui-fg-interactive-hover inline-flex min-w-0 items-center gap-x-1 break-all"
                data-testid="klarna-tracking-link"
              >
                {s.tracking_number || "Track shipment"}
                <ArrowUpRightOnBox className="shrink-0" />
              </a>
            ) : s.tracking_number ? (
              <Text size="small" leading="compact" className="text-ui-fg-subtle break-all">
                {s.tracking_number}
              </Text>
            ) : null}
          </li>
        )
      })}
    </ul>
  )
}
