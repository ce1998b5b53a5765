/**
 * The query and answer of a paged list (keyset pagination, lib/db/keyset.ts):
 * `limit` (at most 100), and one of `after` / `before` carrying an opaque cursor
 * from a previous answer's `next` / `prev`.
 */
import { z } from "zod";
import { ApiError } from "./errors";
import { decodeCursor, MAX_PAGE_SIZE, type PageRequest } from "@/lib/db/keyset";

/** The paging parameters of a list's query string, with the list's default page size. */
export function pageQueryShape(defaultLimit: number) {
  return {
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(defaultLimit).describe(`Rows per page (at most ${MAX_PAGE_SIZE}).`),
    after: z.string().max(2000).optional().describe("Cursor: the page after this one (a response's next)."),
    before: z.string().max(2000).optional().describe("Cursor: the page before this one (a response's prev)."),
  };
}

/** The neighbours' cursors of an answer: `next` (pass as `after`) and `prev` (pass as `before`), null at either end. */
export const pageCursorsShape = {
  next: z.string().nullable().describe("Cursor of the next page (pass as after); null on the last page."),
  prev: z.string().nullable().describe("Cursor of the previous page (pass as before); null on the first page."),
};

/** The page a parsed query asks for; a cursor this list did not make (or both cursors) is a 400. */
export function pageRequestOrThrow(query: { readonly limit: number; readonly after?: string; readonly before?: string }, arity: number): PageRequest {
  if (query.after !== undefined && query.before !== undefined) throw new ApiError("validation_failed", "Give either `after` or `before`, not both.");
  const raw = query.after ?? query.before;
  if (raw === undefined) return { limit: query.limit };
  const values = decodeCursor(raw, arity);
  if (!values) throw new ApiError("validation_failed", "The cursor is not valid.", [{ path: query.after !== undefined ? "after" : "before", message: "not a cursor of this list" }]);
  return query.after !== undefined ? { after: values, limit: query.limit } : { before: values, limit: query.limit };
}

/** The first value of each search parameter of a page (repeated ones keep their first). */
export function firstValues(params: Readonly<Record<string, string | string[] | undefined>>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

/** A URL's search parameters as an object; a repeated parameter is a 400 (the value checked is the value used). */
export function searchParamsOrThrow(url: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URL(url).searchParams) {
    if (k in out) throw new ApiError("validation_failed", `The parameter \`${k}\` is repeated.`, [{ path: k, message: "repeated" }]);
    out[k] = v;
  }
  return out;
}
