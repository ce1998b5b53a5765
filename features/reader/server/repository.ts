import "server-only";
import { sql } from "kysely";
import type { Db } from "@/features/stories/server/repository";
import { direction, keysetCondition, toPage, type Page, type PageRequest, type SortKey } from "@/lib/db/keyset";

export interface ReaderListRow {
  readonly id: string;
  readonly slug: string;
  /** The published edition's title. */
  readonly title: string;
  readonly published_at: string;
  readonly updated_at: string | null;
}

/** Newest edition first; the document id breaks ties so the order is total. */
export const READER_ORDER: readonly SortKey[] = [
  { column: "editions.published_at", desc: true },
  { column: "editions.document_id", desc: true },
];

/**
 * One page of the stories a reader of `lang` sees, newest first: those with a
 * published edition in `lang` (issue 13). This is the one place that decides
 * what the reader lists; the editions index (lang, status, published_at) serves it.
 */
export async function listReaderDocuments(db: Db, lang: string, request: PageRequest): Promise<Page<ReaderListRow>> {
  const reverse = request.before !== undefined;
  const cursor = request.after ?? request.before;
  let query = db
    .selectFrom("editions")
    .innerJoin("documents", "documents.id", "editions.document_id")
    .select(["editions.document_id as id", "documents.slug", "editions.title", "editions.published_at", "editions.updated_at"])
    .where("editions.lang", "=", lang)
    .where("editions.status", "=", "published")
    .where("documents.status", "!=", "archived");
  if (cursor) query = query.where((eb) => keysetCondition(eb, READER_ORDER, cursor, reverse));
  for (const key of READER_ORDER) query = query.orderBy(sql.ref(key.column), direction(key, reverse));
  const rows = (await query.limit(request.limit + 1).execute()) as ReaderListRow[];
  return toPage(rows, request, (r) => [r.published_at, r.id]);
}
