/**
 * Keyset (cursor) pagination shared by the repositories: a page is the rows
 * strictly after (or before) the sort key of a known row, so its cost depends
 * on the page size, never on how deep the page is. Cursors are opaque to
 * clients: base64url of the row's sort-key values.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";

/** One column of a list's order; the last key must make the order total (an id). */
export interface SortKey {
  /** Qualified column, e.g. "documents.updated_at". */
  readonly column: string;
  readonly desc: boolean;
}

export type CursorValue = string | number;

/** Where a page starts: after a row (next pages) or before it (previous pages). */
export type PageRequest =
  | { readonly after?: undefined; readonly before?: undefined; readonly limit: number }
  | { readonly after: readonly CursorValue[]; readonly before?: undefined; readonly limit: number }
  | { readonly after?: undefined; readonly before: readonly CursorValue[]; readonly limit: number };

/** A page of a list with the cursors of its neighbours (null at either end). */
export interface Page<T> {
  readonly items: T[];
  readonly next: string | null;
  readonly prev: string | null;
}

export const MAX_PAGE_SIZE = 100;

export function encodeCursor(values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify(values), "utf8").toString("base64url");
}

/** The sort-key values of a cursor, or undefined when it is not one of ours (wrong shape or arity). */
export function decodeCursor(cursor: string, arity: number): CursorValue[] | undefined {
  if (cursor.length > 2000 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(values) || values.length !== arity) return undefined;
    if (!values.every((v) => typeof v === "string" || (typeof v === "number" && Number.isFinite(v)))) return undefined;
    return values as CursorValue[];
  } catch {
    return undefined;
  }
}

/**
 * The condition "row comes after `values` in this order" (`reverse`: before it),
 * written as (k1 > v1) OR (k1 = v1 AND k2 > v2) … so each database can seek an index on the keys.
 */
export function keysetCondition<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, keys: readonly SortKey[], values: readonly CursorValue[], reverse: boolean): Expression<SqlBool> {
  const branches: Expression<SqlBool>[] = [];
  for (let i = 0; i < keys.length; i++) {
    const parts: Expression<SqlBool>[] = [];
    for (let j = 0; j < i; j++) parts.push(sql<SqlBool>`${sql.ref(keys[j]!.column)} = ${values[j]}`);
    const forward = keys[i]!.desc === reverse;
    parts.push(forward ? sql<SqlBool>`${sql.ref(keys[i]!.column)} > ${values[i]}` : sql<SqlBool>`${sql.ref(keys[i]!.column)} < ${values[i]}`);
    branches.push(eb.and(parts));
  }
  return eb.or(branches);
}

/** ORDER BY direction of a key for a forward or reversed (previous page) read. */
export function direction(key: SortKey, reverse: boolean): "asc" | "desc" {
  return key.desc !== reverse ? "desc" : "asc";
}

/**
 * Turns the `limit + 1` rows a repository read into a page: drops the probe row,
 * restores reading order for a previous page, and makes the neighbours' cursors.
 */
export function toPage<T>(rows: T[], request: PageRequest, keyOf: (row: T) => readonly CursorValue[]): Page<T> {
  const backward = request.before !== undefined;
  const more = rows.length > request.limit;
  const items = rows.slice(0, request.limit);
  if (backward) items.reverse();
  const first = items[0];
  const last = items[items.length - 1];
  const hasNext = backward ? true : more;
  const hasPrev = backward ? more : request.after !== undefined;
  return {
    items,
    next: hasNext && last !== undefined ? encodeCursor(keyOf(last)) : null,
    prev: hasPrev && first !== undefined ? encodeCursor(keyOf(first)) : null,
  };
}

/**
 * The page a list's query string asks for (`after` or `before`, one of them, each once),
 * or undefined when a cursor is malformed or repeated.
 */
export function pageRequestFrom(params: Readonly<Record<string, string | string[] | undefined>>, arity: number, limit: number): PageRequest | undefined {
  const { after, before } = params;
  if (Array.isArray(after) || Array.isArray(before) || (after !== undefined && before !== undefined)) return undefined;
  if (after !== undefined) {
    const values = decodeCursor(after, arity);
    return values ? { after: values, limit } : undefined;
  }
  if (before !== undefined) {
    const values = decodeCursor(before, arity);
    return values ? { before: values, limit } : undefined;
  }
  return { limit };
}
