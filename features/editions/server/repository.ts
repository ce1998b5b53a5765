import "server-only";
import type { Db } from "@/features/stories/server/repository";
import type { EditionRow, EditionSegmentRow, EditionSegmentsTable, EditionsTable } from "@/lib/db/schema";
import type { Insertable } from "kysely";
import type { EditionText } from "../editions";

/** The edition of a document in a language, whatever its status. */
export async function findEdition(db: Db, documentId: string, lang: string): Promise<EditionRow | undefined> {
  return db.selectFrom("editions").selectAll().where("document_id", "=", documentId).where("lang", "=", lang).executeTakeFirst();
}

/** Every edition of a document (published or not). */
export async function listEditions(db: Db, documentId: string): Promise<EditionRow[]> {
  return db.selectFrom("editions").selectAll().where("document_id", "=", documentId).execute();
}

/** The snapshots of the given editions, in reading order. */
export async function listEditionSegments(db: Db, editionIds: readonly string[]): Promise<EditionSegmentRow[]> {
  if (editionIds.length === 0) return [];
  return db.selectFrom("edition_segments").selectAll().where("edition_id", "in", [...editionIds]).orderBy("edition_id").orderBy("position").execute();
}

/** Inserts or updates the edition row. */
export async function upsertEdition(db: Db, row: Insertable<EditionsTable>): Promise<void> {
  const { id: _id, document_id: _d, lang: _l, ...rest } = row;
  await db
    .insertInto("editions")
    .values(row)
    .onConflict((oc) => oc.columns(["document_id", "lang"]).doUpdateSet(rest))
    .execute();
}

/** Bulk-inserts editions with their snapshots as they are (benchmarks): no checks. */
export async function insertEditionsWithSegments(db: Db, editions: readonly Insertable<EditionsTable>[], segments: readonly Insertable<EditionSegmentsTable>[]): Promise<void> {
  // Batches keep each statement under SQLite's and PostgreSQL's parameter limits.
  for (let i = 0; i < editions.length; i += 2000) await db.insertInto("editions").values(editions.slice(i, i + 2000)).execute();
  for (let i = 0; i < segments.length; i += 2000) await db.insertInto("edition_segments").values(segments.slice(i, i + 2000)).execute();
}

/** Replaces an edition's snapshot with `texts`. */
export async function replaceEditionSegments(db: Db, editionId: string, texts: readonly EditionText[]): Promise<void> {
  await db.deleteFrom("edition_segments").where("edition_id", "=", editionId).execute();
  // Chunks keep the statement under SQLite's bound-parameter limit.
  for (let i = 0; i < texts.length; i += 500) {
    await db
      .insertInto("edition_segments")
      .values(
        texts.slice(i, i + 500).map((t) => ({
          edition_id: editionId,
          segment_id: t.segmentId,
          key: t.key,
          position: t.position,
          kind: t.kind,
          text: t.text,
          revision_id: t.revisionId,
          translation_version: t.translationVersion,
          source_hash: t.sourceHash,
        })),
      )
      .execute();
  }
}

export async function markUnpublished(db: Db, editionId: string, input: { at: string; by: string; reason: string }): Promise<void> {
  await db.updateTable("editions").set({ status: "unpublished", unpublished_at: input.at, unpublished_by: input.by, unpublish_reason: input.reason }).where("id", "=", editionId).execute();
}

/** A current segment with its translation in one language (if any), and the revision id of that translation's version. */
export interface LiveSegmentRow {
  readonly segment_id: string;
  readonly key: string;
  readonly position: number;
  readonly kind: EditionSegmentRow["kind"];
  readonly source_text: string;
  readonly source_hash: string;
  readonly text: string | null;
  readonly status: string | null;
  readonly version: number | null;
  readonly translation_hash: string | null;
  readonly revision_id: string | null;
}

/** The document's current segments with their live translation in `lang`, in reading order (one query). */
export async function listLiveSegments(db: Db, documentId: string, lang: string): Promise<LiveSegmentRow[]> {
  return db
    .selectFrom("segments")
    .leftJoin("translations", (j) => j.onRef("translations.segment_id", "=", "segments.id").on("translations.lang", "=", lang))
    .leftJoin("translation_revisions", (j) => j.onRef("translation_revisions.translation_id", "=", "translations.id").onRef("translation_revisions.version", "=", "translations.version"))
    .select([
      "segments.id as segment_id",
      "segments.key",
      "segments.position",
      "segments.kind",
      "segments.source_text",
      "segments.source_hash",
      "translations.text",
      "translations.status",
      "translations.version",
      "translations.source_hash as translation_hash",
      "translation_revisions.id as revision_id",
    ])
    .where("segments.document_id", "=", documentId)
    .where("segments.removed_at", "is", null)
    .orderBy("segments.position")
    .execute();
}

/** The (segment, version) pairs of a document's language whose QA errors a reviewer overrode. */
export async function listQaOverrideVersions(db: Db, documentId: string, lang: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("qa_overrides")
    .innerJoin("segments", "segments.id", "qa_overrides.segment_id")
    .select(["qa_overrides.segment_id", "qa_overrides.version"])
    .where("segments.document_id", "=", documentId)
    .where("qa_overrides.lang", "=", lang)
    .execute();
  return new Set(rows.map((r) => `${r.segment_id}@${r.version}`));
}

/** A published edition with its story's slug, for lists, feeds and the sitemap. */
export interface PublishedEditionRow {
  readonly slug: string;
  readonly document_id: string;
  readonly lang: string;
  readonly title: string;
  readonly published_at: string;
  readonly updated_at: string | null;
  readonly correction_note: string | null;
}

/** Published editions in `lang` (every language when undefined), newest first, at most `limit`. */
export async function listPublishedEditions(db: Db, filter: { lang?: string; limit: number; documentIds?: readonly string[] }): Promise<PublishedEditionRow[]> {
  let q = db
    .selectFrom("editions")
    .innerJoin("documents", "documents.id", "editions.document_id")
    .select(["documents.slug", "editions.document_id", "editions.lang", "editions.title", "editions.published_at", "editions.updated_at", "editions.correction_note"])
    .where("editions.status", "=", "published")
    .where("documents.status", "!=", "archived");
  if (filter.lang) q = q.where("editions.lang", "=", filter.lang);
  if (filter.documentIds) {
    if (filter.documentIds.length === 0) return [];
    q = q.where("editions.document_id", "in", [...filter.documentIds]);
  }
  return q.orderBy("editions.published_at", "desc").orderBy("editions.document_id").limit(Math.min(Math.max(filter.limit, 1), 5000)).execute();
}
