import "server-only";
import { sql } from "kysely";
import type { Db } from "@/features/stories/server/repository";
import { PUBLISHABLE_STATUSES } from "@/features/stories/stories";
import { direction, keysetCondition, toPage, type Page, type PageRequest, type SortKey } from "@/lib/db/keyset";

export interface ReaderListRow {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly source_lang: string;
  readonly published_at: string;
}

/** Newest first; the id breaks ties so the order is total. */
export const READER_ORDER: readonly SortKey[] = [
  { column: "documents.published_at", desc: true },
  { column: "documents.id", desc: true },
];

/**
 * One page of the stories a reader of `lang` sees, newest first: published
 * stories written in `lang`, or with at least one approved, current translation
 * into it. This is the one place that decides what the reader lists.
 */
export async function listReaderDocuments(db: Db, lang: string, request: PageRequest): Promise<Page<ReaderListRow>> {
  const reverse = request.before !== undefined;
  const cursor = request.after ?? request.before;
  let query = db
    .selectFrom("documents")
    .select(["documents.id", "documents.slug", "documents.title", "documents.source_lang", "documents.published_at"])
    .where("documents.status", "=", "published")
    .where("documents.published_at", "is not", null)
    .where((eb) =>
      eb.or([
        eb("documents.source_lang", "=", lang),
        eb.exists(
          eb
            .selectFrom("segments")
            .innerJoin("translations", "translations.segment_id", "segments.id")
            .select(sql.lit(1).as("one"))
            .whereRef("segments.document_id", "=", "documents.id")
            .where("segments.removed_at", "is", null)
            .where("translations.lang", "=", lang)
            .where("translations.status", "in", [...PUBLISHABLE_STATUSES])
            .whereRef("translations.source_hash", "=", "segments.source_hash"),
        ),
      ]),
    );
  if (cursor) query = query.where((eb) => keysetCondition(eb, READER_ORDER, cursor, reverse));
  for (const key of READER_ORDER) query = query.orderBy(sql.ref(key.column), direction(key, reverse));
  const rows = (await query.limit(request.limit + 1).execute()) as ReaderListRow[];
  return toPage(rows, request, (r) => [r.published_at, r.id]);
}

export interface ReaderProgressRow {
  readonly documentId: string;
  /** Body segments (everything but the title) in the current source. */
  readonly total: number;
  /** Body segments with an approved, current translation in the language. */
  readonly translated: number;
  /** The approved, current title translation, if any. */
  readonly title: string | null;
}

/** For a page of documents, in one grouped query: body segments, translated body segments and the title in `lang`. */
export async function readerProgress(db: Db, documentIds: readonly string[], lang: string): Promise<Map<string, ReaderProgressRow>> {
  if (documentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("segments")
    .leftJoin("translations", (join) =>
      join
        .onRef("translations.segment_id", "=", "segments.id")
        .on("translations.lang", "=", lang)
        .on("translations.status", "in", [...PUBLISHABLE_STATUSES])
        .onRef("translations.source_hash", "=", "segments.source_hash"),
    )
    .select("segments.document_id as documentId")
    .select(sql<number>`sum(case when segments.kind <> 'title' then 1 else 0 end)`.as("total"))
    .select(sql<number>`sum(case when segments.kind <> 'title' and translations.id is not null then 1 else 0 end)`.as("translated"))
    .select(sql<string | null>`max(case when segments.kind = 'title' then translations.text end)`.as("title"))
    .where("segments.document_id", "in", [...documentIds])
    .where("segments.removed_at", "is", null)
    .groupBy("segments.document_id")
    .execute();
  return new Map(rows.map((r) => [r.documentId, { documentId: r.documentId, total: Number(r.total), translated: Number(r.translated), title: r.title ?? null }]));
}
