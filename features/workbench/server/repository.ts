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

/** Some current segment of the document lacks an approved translation, made against its current source, in one of `langs`. */
function needsWork(eb: ExpressionBuilder<Database, "documents">, langs: readonly string[]) {
  return eb.exists(
    eb
      .selectFrom("segments")
      .select(sql.lit(1).as("one"))
      .whereRef("segments.document_id", "=", "documents.id")
      .where("segments.removed_at", "is", null)
      .where((inner) =>
        inner.or(
          langs.map((lang) =>
            inner.not(
              inner.exists(
                inner
                  .selectFrom("translations")
                  .select(sql.lit(1).as("one"))
                  .whereRef("translations.segment_id", "=", "segments.id")
                  .where("translations.lang", "=", lang)
                  .where("translations.status", "=", "approved")
                  .whereRef("translations.source_hash", "=", "segments.source_hash"),
              ),
            ),
          ),
        ),
      ),
  );
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
