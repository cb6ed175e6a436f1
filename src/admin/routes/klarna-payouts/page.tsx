import { defineRouteConfig } from "@medusajs/admin-sdk"
import { CurrencyDollar } from "@medusajs/icons"
import {
  Button,
  Container,
  createDataTableColumnHelper,
  DataTable,
  type DataTablePaginationState,
  Heading,
  Text,
  toast,
  useDataTable,
} from "@medusajs/ui"
import { useMemo, useState } from "react"
import { useNavigate } from "react-router-dom"
import { PayoutStatusBadge } from "../../components/klarna/payout-status-badge"
import { useKlarnaPayouts, useSyncKlarnaPayouts } from "../../hooks/use-klarna-payouts"
import { formatDateTime } from "../../lib/dates"
import { formatMinor } from "../../lib/money"
import type { PayoutRow } from "../../lib/payouts"

const PAGE_SIZE = 20
const column = createDataTableColumnHelper<PayoutRow>()

const money = (field: "sale_amount" | "fee_amount" | "return_amount" | "settlement_amount") =>
  column.accessor(field, {
    header: { sale_amount: "Sales", fee_amount: "Fees", return_amount: "Returns", settlement_amount: "Net paid out" }[
      field
    ],
    cell: ({ row }) => formatMinor(row.original[field], row.original.currency_code),
  })

const columns = [
  column.accessor("payment_reference", { header: "Reference" }),
  column.accessor("payout_date", { header: "Payout date", cell: ({ getValue }) => formatDateTime(getValue()) }),
  money("sale_amount"),
  money("return_amount"),
  money("fee_amount"),
  money("settlement_amount"),
  column.accessor("matched_count", {
    header: "Matched",
    cell: ({ row }) => `${row.original.matched_count} / ${row.original.transaction_count}`,
  }),
  column.accessor("status", { header: "Status", cell: ({ getValue }) => <PayoutStatusBadge status={getValue()} /> }),
]

const referenceOf = (row: PayoutRow | { original: PayoutRow }) =>
  "original" in row ? row.original.payment_reference : row.payment_reference

/** Klarna's payouts as the plugin synced and reconciled them, newest first. */
const KlarnaPayoutsPage = () => {
  const navigate = useNavigate()
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE })
  const page = useMemo(
    () => ({ limit: pagination.pageSize, offset: pagination.pageIndex * pagination.pageSize }),
    [pagination]
  )
  const { data, isLoading } = useKlarnaPayouts(page)
  const sync = useSyncKlarnaPayouts()
  const table = useDataTable({
    columns,
    data: data?.payouts ?? [],
    getRowId: (row) => row.payment_reference,
    rowCount: data?.count ?? 0,
    isLoading,
    pagination: { state: pagination, onPaginationChange: setPagination },
    // @medusajs/ui 4.2.6 hands onRowClick the table row (typed as the data): read the original through it
    onRowClick: (_, row) => navigate(`/klarna-payouts/${encodeURIComponent(referenceOf(row))}`),
  })
  const onSync = () =>
    sync.mutate(undefined, {
      onSuccess: () => toast.success("Klarna payouts synced"),
      onError: (e) => toast.error(`Sync failed: ${(e as Error).message}`),
    })

  return (
    <Container className="divide-y p-0" data-testid="klarna-payouts">
      <DataTable instance={table}>
        <DataTable.Toolbar className="flex items-start justify-between gap-x-4 px-6 py-4">
          <div>
            <Heading>Klarna payouts</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Money Klarna sent to the bank, matched to Medusa's captures and refunds.
              {data?.unpaid_captures.count ? (
                <span data-testid="klarna-unpaid-captures">
                  {" "}
                  {data.unpaid_captures.count} capture(s) not paid out after {data.unpaid_captures.days} days.
                </span>
              ) : null}
            </Text>
          </div>
          <Button
            size="small"
            variant="secondary"
            isLoading={sync.isPending}
            onClick={onSync}
            data-testid="klarna-payouts-sync"
          >
            Sync now
          </Button>
        </DataTable.Toolbar>
        <DataTable.Table
          emptyState={{
            empty: {
              heading: "No payouts yet",
              description: "Payouts appear after Klarna pays out and the plugin syncs.",
            },
          }}
        />
        <DataTable.Pagination />
      </DataTable>
    </Container>
  )
}

export const config = defineRouteConfig({ label: "Klarna payouts", icon: CurrencyDollar })

export default KlarnaPayoutsPage
