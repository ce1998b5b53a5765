import "server-only";
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "./schema";

/**
 * The distinct non-null values of a column, sorted, read by skipping from one value
 * to the next through an index led by the column (a recursive "loose index scan"),
 * so the cost grows with the number of values, not of rows. At most `cap` values.
 */
export async function distinctValues(db: Kysely<Database> | Transaction<Database>, table: string, column: string, cap = 1000): Promise<string[]> {
  const t = sql.table(table);
  const c = sql.ref(column);
  const r = await sql<{ v: string }>`
    with recursive d(v) as (
      select min(${c}) from ${t}
      union all
      select (select min(${c}) from ${t} where ${c} > d.v) from d where d.v is not null
    )
    select v from d where v is not null limit ${cap}`.execute(db);
  return r.rows.map((row) => row.v);
}
