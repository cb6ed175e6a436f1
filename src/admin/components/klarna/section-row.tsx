import { Text, clx } from "@medusajs/ui"
import type { ReactNode } from "react"

/** A label/value row, as the dashboard's detail sections draw them. */
export const SectionRow = ({
  title,
  value,
  testId,
  className,
}: {
  title: string
  value?: ReactNode
  testId?: string
  className?: string
}) => (
  <div className={clx("text-ui-fg-subtle grid w-full grid-cols-2 items-center gap-4 px-6 py-4", className)}>
    <Text size="small" weight="plus" leading="compact">
      {title}
    </Text>
    <div className="txt-compact-small flex min-w-0 flex-wrap items-center gap-1 break-words" data-testid={testId}>
      {value ?? "-"}
    </div>
  </div>
)
