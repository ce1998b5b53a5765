import "server-only";
import { sql, type ExpressionBuilder } from "kysely";
import type { Database, DocumentRow, DocumentStatus } from "@/lib/db/schema";
import type { Db } from "@/features/stories/server/repository";
import { direction, keysetCondition, toPage, type Page, type PageRequest, type SortKey } from "@/lib/db/keyset";

import type { ProgressFilter, WorkbenchSort } from "../schemas";

/** The order of each sort; the id breaks ties so every order is total. */
export const WORKBENCH_ORDERS: Readonly<Record<WorkbenchSort, readonly SortKey[]>> = {
  updated: [
    { column: "documents.updated_at", desc: true },
    { column: "documents.id", desc: true },
  ],
  created: [
    { column: "documents.created_at", desc: true },
    { column: "documents.id", desc: true },
  ],
  title: [
    { column: "documents.title", desc: false },
    { column: "documents.id", desc: false },
  ],
};

export interface WorkbenchFilter {
  /** Words the title contains (case-insensitive for the letters each database folds). */
  readonly q?: string;
  readonly status?: Exclude<DocumentStatus, "archived">;
  /** With `langs`: documents that still need work in at least one of them, or are complete in all of them. */
  readonly progress?: ProgressFilter;
  readonly langs?: readonly string[];
  readonly sort: WorkbenchSort;
}

/** `LIKE` pattern that matches `text` literally anywhere (backslash escapes). */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Some current segment of the document lacks an approved translation, made against its
 * current source, in one of `langs`: from the stored progress (document_segment_counts,
 * document_progress), one index lookup per document and language.
 */
function needsWork(eb: ExpressionBuilder<Database, "documents">, langs: readonly string[]) {
  // Scalar subqueries (not EXISTS), so PostgreSQL looks them up per document in the page's order instead of joining the whole tables.
  const segments = sql`coalesce((select document_segment_counts.n from document_segment_counts where document_segment_counts.document_id = documents.id), 0)`;
  const approvedCurrent = (lang: string) =>
    sql`coalesce((select document_progress.n from document_progress where document_progress.document_id = documents.id and document_progress.lang = ${lang} and document_progress.status = 'approved' and document_progress.outdated = 0), 0)`;
  return eb.or(langs.map((lang) => eb(segments, ">", approvedCurrent(lang))));
}

/** One page of the documents the workbench lists (never archived ones), filtered and sorted. */
export async function listWorkbenchDocumentRows(db: Db, filter: WorkbenchFilter, request: PageRequest): Promise<Page<DocumentRow>> {
  const order = WORKBENCH_ORDERS[filter.sort];
  const reverse = request.before !== undefined;
  const cursor = request.after ?? request.before;
  let query = db.selectFrom("documents").selectAll("documents").where("documents.status", "!=", "archived");
  if (filter.status) query = query.where("documents.status", "=", filter.status);
  if (filter.q) query = query.where(sql<boolean>`lower(documents.title) like ${containsPattern(filter.q)} escape '\\'`);
  if (filter.progress && filter.langs && filter.langs.length > 0) {
    const langs = filter.langs;
    query = filter.progress === "needs_work" ? query.where((eb) => needsWork(eb, langs)) : query.where((eb) => eb.not(needsWork(eb, langs)));
  }
  if (cursor) query = query.where((eb) => keysetCondition(eb, order, cursor, reverse));
  for (const key of order) query = query.orderBy(sql.ref(key.column), direction(key, reverse));
  const rows = await query.limit(request.limit + 1).execute();
  return toPage(rows, request, (r) => [filter.sort === "title" ? r.title : filter.sort === "created" ? r.created_at : r.updated_at, r.id]);
}
