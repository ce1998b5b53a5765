import "server-only";
import type { Kysely, Transaction } from "kysely";
import type { Database, TmUnitRow, TmUnitsTable, TranslationRow } from "@/lib/db/schema";
import { newId } from "@/features/stories/stories";
import { contextHash } from "../score";
import { foldForSearch } from "@/lib/text/fold";

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
export async function syncSegmentUnit(trx: Db, t: TranslationRow): Promise<void> {
  const existing = await trx.selectFrom("tm_units").select(["id", "deleted"]).where("segment_id", "=", t.segment_id).where("target_lang", "=", t.lang).executeTakeFirst();
  if (t.status !== "approved") {
    if (existing && !existing.deleted) await trx.updateTable("tm_units").set({ deleted: 1, seq: await nextTmSeq(trx), updated_at: t.updated_at }).where("id", "=", existing.id).execute();
    return;
  }
  const segment = await trx
    .selectFrom("segments")
    .innerJoin("documents", "documents.id", "segments.document_id")
    .select(["segments.document_id", "segments.position", "segments.source_text", "documents.source_lang", "documents.slug"])
    .where("segments.id", "=", t.segment_id)
    .executeTakeFirst();
  if (!segment) return;
  const neighbours = await trx
    .selectFrom("segments")
    .select(["position", "source_text"])
    .where("document_id", "=", segment.document_id)
    .where("removed_at", "is", null)
    .where("position", "in", [segment.position - 1, segment.position + 1])
    .execute();
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
    updated_at: t.updated_at,
    seq: await nextTmSeq(trx),
    deleted: 0,
  };
  if (existing) await trx.updateTable("tm_units").set(values).where("id", "=", existing.id).execute();
  else await trx.insertInto("tm_units").values({ ...values, id: newId("tmu"), segment_id: t.segment_id, created_at: t.updated_at }).execute();
}

/** Inserts imported units under one change number. */
export async function insertTmUnits(trx: Db, units: readonly Omit<TmUnitsTable, "seq" | "deleted" | "source_fold" | "target_fold">[]): Promise<void> {
  if (units.length === 0) return;
  const seq = await nextTmSeq(trx);
  // Batches keep each statement under SQLite's and PostgreSQL's parameter limits.
  for (let i = 0; i < units.length; i += 500) {
    await trx.insertInto("tm_units").values(units.slice(i, i + 500).map((u) => ({ ...u, source_fold: foldForSearch(u.source_text), target_fold: foldForSearch(u.target_text), seq, deleted: 0 }))).execute();
  }
}

/** The columns the memory index reads (the folded texts stay in the database). */
export type TmUnitChange = Pick<
  TmUnitRow,
  "id" | "source_text" | "target_text" | "source_lang" | "target_lang" | "origin" | "origin_detail" | "document_id" | "author" | "updated_at" | "context_before" | "context_after" | "seq" | "deleted" | "segment_id"
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
    .select(["id", "source_text", "target_text", "source_lang", "target_lang", "origin", "origin_detail", "document_id", "author", "updated_at", "context_before", "context_after", "seq", "deleted", "segment_id"])
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
