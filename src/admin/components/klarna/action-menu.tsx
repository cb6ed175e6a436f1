import { EllipsisHorizontal, Spinner } from "@medusajs/icons"
import { DropdownMenu, IconButton, clx } from "@medusajs/ui"
import type { ReactNode } from "react"

export interface MenuAction {
  label: string
  icon: ReactNode
  onClick: () => void
  disabled?: boolean
  testId?: string
}

/** The dashboard's "…" menu; shows a spinner instead while one of its actions runs. */
export const ActionMenu = ({
  actions,
  busy,
  label,
  testId,
}: {
  actions: MenuAction[]
  busy?: boolean
  label: string
  testId?: string
}) => {
  if (!actions.length) return null
  if (busy) {
    return (
      <IconButton size="small" variant="transparent" disabled aria-label={`${label}: working…`} data-testid={testId}>
        <Spinner className="animate-spin" />
      </IconButton>
    )
  }
  return (
    <DropdownMenu>
      <DropdownMenu.Trigger asChild>
        <IconButton size="small" variant="transparent" aria-label={label} data-testid={testId}>
          <EllipsisHorizontal />
        </IconButton>
      </DropdownMenu.Trigger>
      <DropdownMenu.Content align="end">
        {actions.map((action) => (
          <DropdownMenu.Item
            key={action.label}
            disabled={action.disabled}
            data-testid={action.testId}
            onClick={(e) => {
              e.stopPropagation()
              action.onClick()
            }}
            className={clx("[&_svg]:text-ui-fg-subtle flex items-center gap-x-2", {
              "[&_svg]:text-ui-fg-disabled": action.disabled,
            })}
          >
            {action.icon}
            <span>{action.label}</span>
          </DropdownMenu.Item>
        ))}
      </DropdownMenu.Content>
    </DropdownMenu>
  )
}
