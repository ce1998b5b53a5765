import "server-only";
import type { Kysely, Transaction } from "kysely";
import type { Database, TmUnitRow, TmUnitsTable, TranslationRow } from "@/lib/db/schema";
import { newId } from "@/features/stories/stories";
import { contextHash } from "../score";
import { foldForSearch } from "@/lib/text/fold";
import { sentencePairs } from "../sentences";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Takes the next change number. The row lock held until commit makes
 * transactions commit in the order of their numbers, so an index that has
 * seen number n has seen every change up to n.
 */
export async function nextTmSeq(db: Db): Promise<number> {
  await db.updateTable("tm_state").set((eb) => ({ seq: eb("seq", "+", 1) })).where("id", "=", 1).execute();
  return (await db.selectFrom("tm_state").select("seq").where("id", "=", 1).executeTakeFirstOrThrow()).seq;
}

export async function currentTmSeq(db: Db): Promise<number> {
  return (await db.selectFrom("tm_state").select("seq").where("id", "=", 1).executeTakeFirst())?.seq ?? 0;
}

/**
 * Keeps the memory in step with a segment's translation: an approved
 * translation is a unit (its source, its neighbours' context hashes for
 * in-context matches); a translation that is no longer approved is not.
 */
export async function syncSegmentUnit(trx: Db, t: TranslationRow, revisionId: string | null = null): Promise<void> {
  const existing = await trx.selectFrom("tm_units").select(["id", "deleted"]).where("segment_id", "=", t.segment_id).where("target_lang", "=", t.lang).where("parent_id", "is", null).executeTakeFirst();
  if (t.status !== "approved") {
    if (existing && !existing.deleted) {
      const seq = await nextTmSeq(trx);
      await trx.updateTable("tm_units").set({ deleted: 1, seq, updated_at: t.updated_at }).where("id", "=", existing.id).execute();
      await syncSentenceUnits(trx, existing.id, null, seq);
    }
    return;
  }
  const segment = await trx
    .selectFrom("segments")
    .innerJoin("documents", "documents.id", "segments.document_id")
    .select(["segments.document_id", "segments.position", "segments.source_text", "documents.source_lang", "documents.slug"])
    .where("segments.id", "=", t.segment_id)
    .executeTakeFirst();
  if (!segment) return;
  const neighbours = await neighbourSources(trx, segment.document_id, segment.position);
  const seq = await nextTmSeq(trx);
  const values = {
    source_lang: segment.source_lang,
    target_lang: t.lang,
    source_text: segment.source_text,
    target_text: t.text,
    source_fold: foldForSearch(segment.source_text),
    target_fold: foldForSearch(t.text),
    context_before: contextHash(neighbours.find((n) => n.position === segment.position - 1)?.source_text),
    context_after: contextHash(neighbours.find((n) => n.position === segment.position + 1)?.source_text),
    origin: "workbench",
    origin_detail: segment.slug,
    document_id: segment.document_id,
    author: t.updated_by,
    revision_id: revisionId,
    updated_at: t.updated_at,
    seq,
    deleted: 0,
  };
  const id = existing?.id ?? newId("tmu");
  if (existing) await trx.updateTable("tm_units").set(values).where("id", "=", existing.id).execute();
  else await trx.insertInto("tm_units").values({ ...values, id, segment_id: t.segment_id, parent_id: null, created_at: t.updated_at }).execute();
  await syncSentenceUnits(trx, id, { ...values, id, created_at: t.updated_at }, seq);
}

type ParagraphUnit = Pick<TmUnitsTable, "id" | "source_lang" | "target_lang" | "source_text" | "target_text" | "origin_detail" | "document_id" | "author" | "revision_id" | "created_at" | "updated_at">;

/** The id of a paragraph unit's k-th sentence unit: stable, so a re-approval rewrites the same rows. */
export const sentenceUnitId = (parentId: string, k: number) => `${parentId}.s${k}`;

/** The sentence-unit rows of a paragraph unit (origin "sentence"). */
function sentenceRows(p: ParagraphUnit): Omit<TmUnitsTable, "seq" | "deleted">[] {
  return sentencePairs(p.source_text, p.target_text, p.source_lang, p.target_lang).map((s) => ({
    id: sentenceUnitId(p.id, s.index),
    source_lang: p.source_lang,
    target_lang: p.target_lang,
    source_text: s.source,
    target_text: s.target,
    source_fold: foldForSearch(s.source),
    target_fold: foldForSearch(s.target),
    context_before: null,
    context_after: null,
    origin: "sentence",
    origin_detail: p.origin_detail,
    document_id: p.document_id,
    segment_id: null,
    parent_id: p.id,
    revision_id: p.revision_id,
    author: p.author,
    created_at: p.created_at,
    updated_at: p.updated_at,
  }));
}

/**
 * Rewrites a paragraph unit's sentence units under change number `seq`: its
 * confident sentence pairs (paragraph given), or none (paragraph null: removed
 * or no longer approved). Rows are reused by position; surplus rows become tombstones.
 */
async function syncSentenceUnits(trx: Db, parentId: string, paragraph: ParagraphUnit | null, seq: number): Promise<void> {
  const rows = paragraph ? sentenceRows(paragraph) : [];
  const existing = await trx.selectFrom("tm_units").select(["id", "deleted"]).where("parent_id", "=", parentId).execute();
  const have = new Map(existing.map((e) => [e.id, e.deleted]));
  for (const r of rows) {
    if (have.has(r.id)) {
      const { id, created_at: _created, ...rest } = r;
      await trx.updateTable("tm_units").set({ ...rest, seq, deleted: 0 }).where("id", "=", id).execute();
    } else await trx.insertInto("tm_units").values({ ...r, seq, deleted: 0 }).execute();
  }
  const keep = new Set(rows.map((r) => r.id));
  const gone = existing.filter((e) => !keep.has(e.id) && !e.deleted).map((e) => e.id);
  if (gone.length) await trx.updateTable("tm_units").set({ deleted: 1, seq, updated_at: paragraph?.updated_at ?? new Date().toISOString() }).where("id", "in", gone).execute();
}

/** A unit as imported (TMX, alignment): the columns the caller gives. */
export type NewTmUnit = Omit<TmUnitsTable, "seq" | "deleted" | "source_fold" | "target_fold" | "parent_id" | "revision_id">;

/**
 * Inserts imported units under one change number, each paragraph-sized unit
 * with its sentence units (sentencePairs), unless `sentences` is false.
 */
export async function insertTmUnits(trx: Db, units: readonly NewTmUnit[], options: { sentences?: boolean } = {}): Promise<void> {
  await insertPreparedTmUnits(trx, prepareTmUnits(units, options));
}

/** The rows a unit is stored as: itself with its folded texts, and its sentence units unless `sentences` is false. */
function tmUnitRows(u: NewTmUnit, options: { sentences?: boolean }): Omit<TmUnitsTable, "seq" | "deleted">[] {
  const row = { ...u, source_fold: foldForSearch(u.source_text), target_fold: foldForSearch(u.target_text), parent_id: null, revision_id: null };
  return options.sentences !== false && u.origin !== "sentence" ? [row, ...sentenceRows(row)] : [row];
}

/** Units made ready to store (folded, split into sentences): the work done before a write transaction opens. */
export interface PreparedTmUnits {
  readonly rows: readonly Omit<TmUnitsTable, "seq" | "deleted">[];
}

/**
 * Does the per-unit work of insertTmUnits (folding, sentence splitting and alignment) up front, so a
 * large import holds SQLite's one write lock only for the inserts (other writers wait at most
 * busy_timeout, with the event loop of their server blocked meanwhile).
 */
export function prepareTmUnits(units: readonly NewTmUnit[], options: { sentences?: boolean } = {}): PreparedTmUnits {
  const rows: Omit<TmUnitsTable, "seq" | "deleted">[] = [];
  for (const u of units) for (const r of tmUnitRows(u, options)) rows.push(r);
  return { rows };
}

/** Stores prepared units under one new change number, in batches that keep each statement under SQLite's and PostgreSQL's parameter limits. */
export async function insertPreparedTmUnits(trx: Db, prepared: PreparedTmUnits): Promise<void> {
  if (prepared.rows.length === 0) return;
  const seq = await nextTmSeq(trx);
  for (let i = 0; i < prepared.rows.length; i += 500) {
    await trx
      .insertInto("tm_units")
      .values(prepared.rows.slice(i, i + 500).map((u) => ({ ...u, seq, deleted: 0 })))
      .execute();
  }
}

/** The columns the memory index reads (the folded texts stay in the database). */
export type TmUnitChange = Pick<
  TmUnitRow,
  "id" | "source_text" | "target_text" | "source_lang" | "target_lang" | "origin" | "origin_detail" | "document_id" | "author" | "updated_at" | "context_before" | "context_after" | "seq" | "deleted" | "segment_id" | "parent_id"
>;

/** Where a reading of changes stopped: the last (seq, id) read, or (seq, null) after every change numbered seq. */
export interface TmChangeCursor {
  readonly seq: number;
  readonly id: string | null;
}

/**
 * Up to `limit` units of a language pair changed after the cursor (tombstones
 * included), in (seq, id) order: one import shares one seq, so the id breaks ties
 * and a large import is read in bounded pages.
 */
export async function tmUnitsChangedAfter(db: Db, sourceLang: string, targetLang: string, after: TmChangeCursor, limit: number): Promise<TmUnitChange[]> {
  return db
    .selectFrom("tm_units")
    .select(["id", "source_text", "target_text", "source_lang", "target_lang", "origin", "origin_detail", "document_id", "author", "updated_at", "context_before", "context_after", "seq", "deleted", "segment_id", "parent_id"])
    .where("source_lang", "=", sourceLang)
    .where("target_lang", "=", targetLang)
    .where((eb) => (after.id === null ? eb("seq", ">", after.seq) : eb(eb.refTuple("seq", "id"), ">", eb.tuple(after.seq, after.id))))
    .orderBy("seq")
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** Units of a language pair changed after `afterSeq` (tombstones included), in change order. For tests and small pairs: it reads them all. */
export async function tmUnitsChangedSince(db: Db, sourceLang: string, targetLang: string, afterSeq: number): Promise<TmUnitRow[]> {
  return db.selectFrom("tm_units").selectAll().where("source_lang", "=", sourceLang).where("target_lang", "=", targetLang).where("seq", ">", afterSeq).orderBy("seq").orderBy("id").execute();
}

/** Live units of a language pair (for export). */
export async function listTmUnits(db: Db, sourceLang: string, targetLang: string): Promise<TmUnitRow[]> {
  return db.selectFrom("tm_units").selectAll().where("source_lang", "=", sourceLang).where("target_lang", "=", targetLang).where("deleted", "=", 0).orderBy("created_at").orderBy("id").execute();
}

/** Live units per language pair. */
export async function countTmUnits(db: Db): Promise<{ sourceLang: string; targetLang: string; units: number }[]> {
  const rows = await db
    .selectFrom("tm_units")
    .select(["source_lang", "target_lang"])
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("deleted", "=", 0)
    .groupBy(["source_lang", "target_lang"])
    .orderBy("source_lang")
    .orderBy("target_lang")
    .execute();
  return rows.map((r) => ({ sourceLang: r.source_lang, targetLang: r.target_lang, units: Number(r.n) }));
}

/** The source texts of the segments just before and after a position in a document (removed ones skipped). */
export async function neighbourSources(db: Kysely<Database>, documentId: string, position: number): Promise<{ position: number; source_text: string }[]> {
  return db
    .selectFrom("segments")
    .select(["position", "source_text"])
    .where("document_id", "=", documentId)
    .where("removed_at", "is", null)
    .where("position", "in", [position - 1, position + 1])
    .execute();
}
