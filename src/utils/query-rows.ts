import type { RemoteQueryFunction } from "@medusajs/framework/types"

/** Medusa's `query` as the container resolves it. */
export type GraphQuery = Omit<RemoteQueryFunction, symbol>

/** One query.graph read: the entity, the fields asked for, and optionally filters and pagination. */
export interface RowsRead {
  entity: string
  fields: string[]
  filters?: Record<string, unknown>
  pagination?: { skip?: number; take?: number; order?: Record<string, "ASC" | "DESC"> }
}

/**
 * query.graph's rows, typed as `Row`: the fields the read asked for. Medusa types a read's rows by
 * its entity alone: `any` in a fresh clone, but once `medusa develop` or `medusa build` has written
 * `.medusa/types`, the whole generated entity (every field, `Maybe<…>` everywhere, `raw_amount` as
 * `BigNumberRawValue`), which fits none of the plugin's row types. Passing the entity as a plain
 * `string` keeps Medusa from picking the generated type, so the plugin compiles the same either way.
 */
export async function queryRows<Row>(query: GraphQuery, read: RowsRead): Promise<Row[]> {
  const entity: string = read.entity
  const { data } = await query.graph({ ...read, entity })
  return data
}
