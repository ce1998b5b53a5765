import "server-only";
import { syncSegmentUnit } from "@/features/tm/server/repository";
import { sql, type Kysely, type Transaction } from "kysely";
import type {
  Database,
  DocumentRow,
  NewDocument,
  NewSegment,
  SegmentRow,
  TranslationRevisionRow,
  TranslationRow,
  TranslationStatus,
} from "@/lib/db/schema";
import { newId } from "../stories";

/** Repository functions take the database or a transaction first. */
export type Db = Kysely<Database> | Transaction<Database>;

export async function findDocumentBySlug(db: Db, slug: string): Promise<DocumentRow | undefined> {
  return db.selectFrom("documents").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export async function findDocumentById(db: Db, id: string): Promise<DocumentRow | undefined> {
  return db.selectFrom("documents").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertDocument(db: Db, doc: NewDocument): Promise<void> {
  await db.insertInto("documents").values(doc).execute();
}

/** Segments of a document still in the current source, in reading order. */
export async function listSegments(db: Db, documentId: string): Promise<SegmentRow[]> {
  return db
    .selectFrom("segments")
    .selectAll()
    .where("document_id", "=", documentId)
    .where("removed_at", "is", null)
    .orderBy("position")
    .execute();
}

/** One segment by id, or undefined. */
export async function findSegmentById(db: Db, id: string): Promise<SegmentRow | undefined> {
  return db.selectFrom("segments").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertSegments(db: Db, segments: readonly NewSegment[]): Promise<void> {
  // Batches keep each statement under SQLite's and PostgreSQL's parameter limits.
  for (let i = 0; i < segments.length; i += 2000) await db.insertInto("segments").values(segments.slice(i, i + 2000)).execute();
}

/** Bulk-inserts documents (imports, benchmarks); the caller makes their segments. */
export async function insertDocuments(db: Db, docs: readonly NewDocument[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 2000) await db.insertInto("documents").values(docs.slice(i, i + 2000)).execute();
}

/** Bulk-inserts translations with their revisions as they are (imports, benchmarks): no version check, no memory sync. */
export async function insertTranslationsWithRevisions(db: Db, rows: readonly TranslationRow[], revisions: readonly TranslationRevisionRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) await db.insertInto("translations").values(rows.slice(i, i + 2000)).execute();
  for (let i = 0; i < revisions.length; i += 2000) await db.insertInto("translation_revisions").values(revisions.slice(i, i + 2000)).execute();
}

/** Translations of the document's current segments into the given languages. */
export async function listTranslations(db: Db, documentId: string, langs: readonly string[]): Promise<TranslationRow[]> {
  if (langs.length === 0) return [];
  return db
    .selectFrom("translations")
    .innerJoin("segments", "segments.id", "translations.segment_id")
    .selectAll("translations")
    .where("segments.document_id", "=", documentId)
    .where("segments.removed_at", "is", null)
    .where("translations.lang", "in", [...langs])
    .execute();
}

export async function findTranslation(db: Db, segmentId: string, lang: string): Promise<TranslationRow | undefined> {
  return db
    .selectFrom("translations")
    .selectAll()
    .where("segment_id", "=", segmentId)
    .where("lang", "=", lang)
    .executeTakeFirst();
}

export interface StatusCount {
  readonly documentId: string;
  readonly lang: string;
  readonly status: TranslationStatus;
  readonly count: number;
  /** How many of them were made against an earlier source text. */
  readonly outdated: number;
}

/**
 * Number of current segments per document, language and translation status
 * (with how many are outdated), for a page of documents: read from the stored
 * progress the database's triggers keep (document_progress), a few index rows per
 * document, never the segments or translations themselves.
 */
export async function countTranslationsByStatus(db: Db, documentIds: readonly string[], langs?: readonly string[]): Promise<StatusCount[]> {
  if (documentIds.length === 0 || langs?.length === 0) return [];
  let query = db
    .selectFrom("document_progress")
    .select(["document_id as documentId", "lang", "status"])
    .select(sql<number>`sum(n)`.as("count"))
    .select(sql<number>`sum(case when outdated = 1 then n else 0 end)`.as("outdated"))
    .where("document_id", "in", [...documentIds]);
  if (langs) query = query.where("lang", "in", [...langs]);
  const rows = await query.groupBy(["document_id", "lang", "status"]).having(sql<number>`sum(n)`, ">", 0).execute();
  return rows.map((r) => ({ ...r, count: Number(r.count), outdated: Number(r.outdated) }));
}

/** Number of current segments per document (those with any), from the stored counts. */
export async function countSegments(db: Db, documentIds: readonly string[]): Promise<Map<string, number>> {
  if (documentIds.length === 0) return new Map();
  const rows = await db.selectFrom("document_segment_counts").select(["document_id", "n"]).where("document_id", "in", [...documentIds]).where("n", ">", 0).execute();
  return new Map(rows.map((r) => [r.document_id, Number(r.n)]));
}

export interface SaveTranslationInput {
  readonly segmentId: string;
  readonly lang: string;
  readonly text: string;
  readonly status: TranslationStatus;
  /** Version the writer started from; 0 when no translation existed. */
  readonly baseVersion: number;
  readonly authorId: string | null;
  readonly origin: string;
  readonly note?: string | null;
  readonly now?: string;
  /** Where the text came from (editor saves): typed, or a memory match / MT suggestion it started from. */
  readonly textOrigin?: { readonly kind: string; readonly detail: string | null } | null;
}

export type SaveTranslationResult =
  | { readonly kind: "saved"; readonly translation: TranslationRow; readonly changed: boolean }
  | { readonly kind: "conflict"; readonly current: TranslationRow | undefined }
  | { readonly kind: "segment_not_found" };

/**
 * Writes a translation if, and only if, it is still at `baseVersion`; every
 * accepted change bumps the version and appends a revision in the same
 * transaction (the caller's, when `db` is a transaction). A stale write
 * changes nothing and returns the current row.
 */
export async function saveTranslation(db: Kysely<Database>, input: SaveTranslationInput): Promise<SaveTranslationResult> {
  // Inside a caller's transaction (several saves, all or nothing) it joins that transaction.
  const inTransaction = <T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> =>
    db.isTransaction ? fn(db as Transaction<Database>) : db.transaction().execute(fn);
  return inTransaction(async (trx) => {
    const segment = await trx
      .selectFrom("segments")
      .select(["id", "source_hash"])
      .where("id", "=", input.segmentId)
      .executeTakeFirst();
    if (!segment) return { kind: "segment_not_found" } as const;

    const now = input.now ?? new Date().toISOString();
    const existing = await findTranslation(trx, input.segmentId, input.lang);
    let saved: TranslationRow;

    if (!existing) {
      if (input.baseVersion !== 0) return { kind: "conflict", current: undefined } as const;
      const row: TranslationRow = {
        id: newId("tr"),
        segment_id: input.segmentId,
        lang: input.lang,
        text: input.text,
        status: input.status,
        version: 1,
        source_hash: segment.source_hash,
        updated_by: input.authorId,
        updated_at: now,
        created_at: now,
      };
      const inserted = await trx
        .insertInto("translations")
        .values(row)
        .onConflict((oc) => oc.columns(["segment_id", "lang"]).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
        return { kind: "conflict", current: await findTranslation(trx, input.segmentId, input.lang) } as const;
      }
      saved = row;
    } else {
      if (existing.version !== input.baseVersion) return { kind: "conflict", current: existing } as const;
      // Nothing changed and nothing to record: no new revision (autosave of identical text).
      if (existing.text === input.text && existing.status === input.status && existing.source_hash === segment.source_hash && !input.note) {
        return { kind: "saved", translation: existing, changed: false } as const;
      }
      const updated = await trx
        .updateTable("translations")
        .set({
          text: input.text,
          status: input.status,
          version: existing.version + 1,
          source_hash: segment.source_hash,
          updated_by: input.authorId,
          updated_at: now,
        })
        .where("id", "=", existing.id)
        .where("version", "=", input.baseVersion)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) {
        return { kind: "conflict", current: await findTranslation(trx, input.segmentId, input.lang) } as const;
      }
      saved = {
        ...existing,
        text: input.text,
        status: input.status,
        version: existing.version + 1,
        source_hash: segment.source_hash,
        updated_by: input.authorId,
        updated_at: now,
      };
    }

    const revisionId = newId("rev");
    await trx
      .insertInto("translation_revisions")
      .values({
        id: revisionId,
        translation_id: saved.id,
        segment_id: saved.segment_id,
        lang: saved.lang,
        version: saved.version,
        text: saved.text,
        status: saved.status,
        author_id: input.authorId,
        origin: input.origin,
        note: input.note ?? null,
        created_at: now,
        text_origin: input.textOrigin?.kind ?? null,
        text_origin_detail: input.textOrigin?.detail ?? null,
      })
      .execute();
    // The translation memory follows approvals in the same transaction.
    await syncSegmentUnit(trx, saved, revisionId);
    return { kind: "saved", translation: saved, changed: true } as const;
  });
}

/** Every revision of one segment's translation, oldest first. */
export async function listRevisions(db: Db, segmentId: string, lang: string): Promise<TranslationRevisionRow[]> {
  return db
    .selectFrom("translation_revisions")
    .selectAll()
    .where("segment_id", "=", segmentId)
    .where("lang", "=", lang)
    .orderBy("version")
    .execute();
}
