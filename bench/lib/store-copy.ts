// bench:scale's store builder: orders placed once through Medusa's APIs (templates) are copied in
// bulk, row for row, with fresh ids and shifted times. Every row of a copy is one Medusa (or the
// plugin) wrote for its template; only what makes a row that order's own changes: its ids (and the
// ids it refers to among the template's rows), the Klarna ids and tokens in its data, the guest's
// email, its times (shifted by the copy's age) and its display id (the sequence's next).
import { randomUUID } from "crypto"
import type { Client } from "pg"
import { idempotencyKeyFor } from "../../src/lib/klarna"

/** Rows that describe no order (migrations, the sweep's mark). */
const NOT_ORDER_DATA = new Set([
  "mikro_orm_migrations",
  "link_module_migrations",
  "script_migrations",
  "workflow_execution",
  "klarna_sweep_state",
])
/** a Medusa id, a UUID (Klarna's ids, tokens, keys) or a guest's email */
const TOKEN =
  /[a-z]+(?:_[a-z]+)*_[0-9A-HJKMNP-TV-Z]{26}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9.+_-]+@example\.com/g
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

export type Snapshot = Map<string, Set<string>>

interface Column {
  name: string
  timestamp: boolean
  serial: boolean
}
interface CloneContext {
  offsetMs: number
  ids: Map<string, string>
  id(token: string): string
}
type Emit = (ctx: CloneContext) => string
export interface Template {
  name: string
  tables: { table: string; columns: string[]; rows: Emit[][] }[]
}

async function columnsOf(db: Client): Promise<Map<string, Column[]>> {
  const { rows } = await db.query(
    `select table_name, column_name, data_type, column_default from information_schema.columns
     where table_schema = 'public' order by table_name, ordinal_position`
  )
  const out = new Map<string, Column[]>()
  for (const r of rows) {
    if (NOT_ORDER_DATA.has(r.table_name)) continue
    const cols = out.get(r.table_name) ?? []
    cols.push({
      name: r.column_name,
      timestamp: String(r.data_type).startsWith("timestamp"),
      serial: String(r.column_default ?? "").startsWith("nextval("),
    })
    out.set(r.table_name, cols)
  }
  for (const [t, cols] of out) if (!cols.some((c) => c.name === "id")) out.delete(t)
  return out
}

/** The ids of every row now in the database, per table. */
export async function snapshot(db: Client): Promise<Snapshot> {
  const out: Snapshot = new Map()
  for (const table of (await columnsOf(db)).keys()) {
    const { rows } = await db.query(`select id::text from "${table}"`)
    out.set(table, new Set(rows.map((r) => r.id)))
  }
  return out
}

const ulidTime = (at: number) => {
  let ms = Math.floor(at)
  let s = ""
  for (let i = 0; i < 10; i++, ms = Math.floor(ms / 32)) s = CROCKFORD[ms % 32] + s
  return s
}
let counter = 0
const ulidTail = () => {
  let n = ++counter
  let s = ""
  for (let i = 0; i < 16; i++, n = Math.floor(n / 32)) s = CROCKFORD[n % 32] + s
  return s
}

/** A fresh token of the same kind: a Medusa id timed at the copy's age, a UUID, an email. */
function freshToken(token: string, atMs: number): string {
  if (token.includes("@")) return `copy+${ulidTail().toLowerCase()}@example.com`
  if (token.includes("-")) return randomUUID()
  return `${token.slice(0, token.lastIndexOf("_"))}_${ulidTime(atMs)}${ulidTail()}`
}

/**
 * The rows written since `before` (one template order's), compiled into emitters: each value's
 * JSON text, with its template tokens and times filled in per copy.
 */
export async function captureTemplate(db: Client, name: string, before: Snapshot): Promise<Template> {
  const columns = await columnsOf(db)
  const found: { table: string; cols: Column[]; rows: Record<string, unknown>[] }[] = []
  for (const [table, cols] of columns) {
    const known = [...(before.get(table) ?? [])]
    const { rows } = await db.query(`select * from "${table}" where not (id::text = any($1::text[]))`, [known])
    if (rows.length) found.push({ table, cols, rows })
  }
  // Medusa ids of rows written before (region, variant, …) are shared, kept as they are
  const ownIds = new Set(found.flatMap((f) => f.rows.map((r) => String(r.id))))
  const isOwn = (t: string) => t.includes("@") || /^[0-9a-f]{8}-/.test(t) || ownIds.has(t)
  const compile = (col: Column, value: unknown): Emit => {
    if (value === null || value === undefined) return () => "null"
    if (col.timestamp) {
      const ms = +new Date(value as string)
      return (ctx) => `"${new Date(ms + ctx.offsetMs).toISOString()}"`
    }
    const text = JSON.stringify(value)
    const parts: (string | { token: string })[] = []
    let at = 0
    for (const m of text.matchAll(TOKEN)) {
      if (!isOwn(m[0])) continue
      parts.push(text.slice(at, m.index), { token: m[0] })
      at = m.index! + m[0].length
    }
    if (!parts.length) return () => text
    parts.push(text.slice(at))
    return (ctx) => parts.map((p) => (typeof p === "string" ? p : ctx.id(p.token))).join("")
  }
  return {
    name,
    tables: found.map(({ table, cols, rows }) => {
      const kept = cols.filter((c) => !c.serial)
      return {
        table,
        columns: kept.map((c) => c.name),
        rows: rows.map((r) => {
          const emits = kept.map((c) => compile(c, r[c.name]))
          if (table !== "klarna_capture") return emits
          // the key the plugin derives from the record's source key: the copy's own fulfillment
          const source = emits[kept.findIndex((c) => c.name === "source_key")]
          return emits.map((e, i) =>
            kept[i].name === "idempotency_key"
              ? (ctx: CloneContext) => JSON.stringify(idempotencyKeyFor(JSON.parse(source(ctx)), "capture"))
              : e
          )
        }),
      }
    }),
  }
}

/**
 * Writes `count` copies of the template, each `ageMs(i)` older than the template, in batches (one
 * INSERT … json_populate_recordset per table and batch; foreign keys are not re-checked, since
 * every reference points at a row of the same copy or at one the template referred to).
 */
export async function copyTemplate(
  db: Client,
  template: Template,
  count: number,
  ageMs: (i: number) => number,
  batch = 250,
  /** each copy's ids: the template's id → the copy's */
  onCopy?: (ids: Map<string, string>) => void
): Promise<Map<string, string>> {
  let last = new Map<string, string>()
  await db.query("set session_replication_role = replica")
  try {
    for (let from = 0; from < count; from += batch) {
      const texts = template.tables.map(() => [] as string[])
      for (let i = from; i < Math.min(count, from + batch); i++) {
        const offsetMs = -ageMs(i)
        const at = Date.now() + offsetMs
        const ids = new Map<string, string>()
        last = ids
        onCopy?.(ids)
        const ctx: CloneContext = {
          offsetMs,
          ids,
          id(token) {
            let v = ids.get(token)
            if (!v) ids.set(token, (v = freshToken(token, at)))
            return v
          },
        }
        template.tables.forEach((t, ti) => {
          for (const row of t.rows)
            texts[ti].push(`{${row.map((emit, ci) => `${JSON.stringify(t.columns[ci])}:${emit(ctx)}`).join(",")}}`)
        })
      }
      for (const [ti, t] of template.tables.entries()) {
        const cols = t.columns.map((c) => `"${c}"`).join(", ")
        await db.query(
          `insert into "${t.table}" (${cols}) select ${cols} from json_populate_recordset(null::"${t.table}", $1::json)`,
          [`[${texts[ti].join(",")}]`]
        )
      }
    }
  } finally {
    await db.query("set session_replication_role = origin")
  }
  return last
}

/** Stock covers every copy's reservations, as it covered the template's (Medusa keeps the sum in the level). */
export async function restock(db: Client): Promise<void> {
  await db.query(
    `update inventory_level il set
       reserved_quantity = r.reserved,
       raw_reserved_quantity = jsonb_build_object('value', r.reserved::text, 'precision', 20),
       stocked_quantity = r.reserved + 1000000,
       raw_stocked_quantity = jsonb_build_object('value', (r.reserved + 1000000)::text, 'precision', 20)
     from (select il2.id, coalesce(sum(ri.quantity), 0) as reserved from inventory_level il2
           left join reservation_item ri on ri.inventory_item_id = il2.inventory_item_id
             and ri.location_id = il2.location_id and ri.deleted_at is null
           where il2.deleted_at is null group by il2.id) r
     where il.id = r.id`
  )
  await db.query("analyze")
}
