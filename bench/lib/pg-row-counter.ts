// Counts the rows PostgreSQL returns to this process (every copy of the `pg` driver loaded here):
// what a job reads, whichever of Medusa's layers (MikroORM, knex) asked.
import { createRequire } from "module"
import path from "path"

let rows = 0
export const rowsRead = () => rows

const count = (res: unknown) => {
  for (const r of Array.isArray(res) ? res : [res]) {
    const got = (r as { rows?: unknown[] } | undefined)?.rows
    if (Array.isArray(got)) rows += got.length
  }
}

export function countPgRows(root: string): void {
  const seen = new Set<unknown>()
  for (const from of [
    root,
    path.join(root, "node_modules/@mikro-orm/postgresql"),
    path.join(root, "node_modules/knex"),
  ]) {
    let pg: { Client: { prototype: { query: (...a: unknown[]) => unknown } } }
    try {
      pg = createRequire(path.join(from, "index.js"))("pg")
    } catch {
      continue
    }
    if (seen.has(pg.Client.prototype)) continue
    seen.add(pg.Client.prototype)
    const original = pg.Client.prototype.query
    pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
      const last = args[args.length - 1]
      if (typeof last === "function") {
        args[args.length - 1] = (err: unknown, res: unknown) => {
          if (!err) count(res)
          return (last as (e: unknown, r: unknown) => unknown)(err, res)
        }
        return original.apply(this, args)
      }
      const out = original.apply(this, args) as { then?: unknown } | undefined
      if (out && typeof out.then === "function")
        return (out as Promise<unknown>).then((res) => {
          count(res)
          return res
        })
      return out
    }
  }
}
