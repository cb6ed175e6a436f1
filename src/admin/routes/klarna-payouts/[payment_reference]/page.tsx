import { ArrowDownTray } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Table, Text } from "@medusajs/ui"
import { Link, useParams } from "react-router-dom"
import { PayoutStatusBadge } from "../../../components/klarna/payout-status-badge"
import { useKlarnaPayout } from "../../../hooks/use-klarna-payouts"
import { formatDateTime } from "../../../lib/dates"
import { formatMinor } from "../../../lib/money"
import { allDiscrepancies, payoutCsv, type PayoutDetail } from "../../../lib/payouts"

/** Saves the payout and its matches as a CSV file. */
function downloadCsv(payout: PayoutDetail) {
  const url = URL.createObjectURL(new Blob([payoutCsv(payout)], { type: "text/csv;charset=utf-8" }))
  const a = document.createElement("a")
  a.href = url
  a.download = `klarna-payout-${payout.payment_reference}.csv`
  a.click()
  URL.revokeObjectURL(url)
}

const Total = ({ label, minor, currency }: { label: string; minor: number; currency: string }) => (
  <div className="flex flex-col gap-y-1">
    <Text size="small" className="text-ui-fg-subtle">
      {label}
    </Text>
    <Text size="small" weight="plus" className="tabular-nums">
      {formatMinor(minor, currency)}
    </Text>
  </div>
)

/** One payout: totals, discrepancies, and every transaction with the Medusa order, capture or refund it matched. */
const KlarnaPayoutPage = () => {
  const { payment_reference = "" } = useParams()
  const { data, isLoading, isError, error } = useKlarnaPayout(payment_reference)
  if (isLoading) return <Container>Loading…</Container>
  if (isError || !data) return <Container>Could not load the payout: {(error as Error)?.message}</Container>
  const p = data.payout
  const problems = allDiscrepancies(p)
  return (
    <div className="flex flex-col gap-y-3" data-testid="klarna-payout">
      <Container className="divide-y p-0">
        <div className="flex items-center justify-between px-6 py-4">
          <div className="flex items-center gap-x-2">
            <Heading>Payout {p.payment_reference}</Heading>
            <PayoutStatusBadge status={p.status} />
          </div>
          <Button size="small" variant="secondary" onClick={() => downloadCsv(p)} data-testid="klarna-payout-csv">
            <ArrowDownTray /> Export CSV
          </Button>
        </div>
        <div className="grid grid-cols-2 gap-4 px-6 py-4 md:grid-cols-5">
          <Total label="Sales" minor={p.sale_amount} currency={p.currency_code} />
          <Total label="Returns" minor={p.return_amount} currency={p.currency_code} />
          <Total label="Fees" minor={p.fee_amount} currency={p.currency_code} />
          <Total label="Net paid out" minor={p.settlement_amount} currency={p.currency_code} />
          <div className="flex flex-col gap-y-1">
            <Text size="small" className="text-ui-fg-subtle">
              Payout date
            </Text>
            <Text size="small" weight="plus">
              {formatDateTime(p.payout_date)}
            </Text>
          </div>
        </div>
        {problems.length ? (
          <div className="flex flex-col gap-y-1 px-6 py-4" data-testid="klarna-payout-discrepancies">
            {problems.map((d, i) => (
              <Text key={i} size="small" className="text-ui-fg-error">
                {d.kind.replace(/_/g, " ")}: {d.message}
              </Text>
            ))}
          </div>
        ) : null}
      </Container>
      <Container className="p-0">
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Type</Table.HeaderCell>
              <Table.HeaderCell>Order</Table.HeaderCell>
              <Table.HeaderCell>Klarna capture / refund</Table.HeaderCell>
              <Table.HeaderCell>Medusa capture / refund</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Amount</Table.HeaderCell>
              <Table.HeaderCell>Match</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {p.transactions.map((t, i) => (
              <Table.Row
                key={i}
                data-testid="klarna-payout-transaction"
                data-type={t.type}
                data-discrepancy={t.discrepancy?.kind ?? ""}
              >
                <Table.Cell>{t.detailed_type ? `${t.type} · ${t.detailed_type}` : t.type}</Table.Cell>
                <Table.Cell>
                  {t.medusa_order_id ? (
                    <Link to={`/orders/${t.medusa_order_id}`} className="text-ui-fg-interactive">
                      #{t.medusa_order_display_id ?? t.medusa_order_id}
                    </Link>
                  ) : (
                    <Text size="small" className="text-ui-fg-muted">
                      {t.order_id}
                    </Text>
                  )}
                </Table.Cell>
                <Table.Cell className="font-mono text-xs">{t.capture_id || t.refund_id || "—"}</Table.Cell>
                <Table.Cell className="font-mono text-xs">
                  {t.medusa_capture_id || t.medusa_refund_id || "—"}
                </Table.Cell>
                <Table.Cell className="text-right tabular-nums">{formatMinor(t.amount, t.currency_code)}</Table.Cell>
                <Table.Cell>
                  {t.discrepancy ? (
                    <Badge size="2xsmall" color="red" title={t.discrepancy.message}>
                      {t.discrepancy.kind.replace(/_/g, " ")}
                    </Badge>
                  ) : t.medusa_order_id ? (
                    <Badge size="2xsmall" color="green">
                      matched
                    </Badge>
                  ) : (
                    <Badge size="2xsmall" color="grey">
                      no order
                    </Badge>
                  )}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </Container>
    </div>
  )
}

export default KlarnaPayoutPage
