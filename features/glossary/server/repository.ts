import "server-only";
import type { Insertable, Kysely, Transaction } from "kysely";
import type { ConceptsTable, Database, TermRow, TermStatus, TermsTable } from "@/lib/db/schema";
import { newId } from "@/features/stories/stories";
import { foldForSearch } from "@/lib/text/fold";

type Db = Kysely<Database> | Transaction<Database>;

/** Bumped on every glossary change; recognizers built for an older version are rebuilt. */
export async function getGlossaryVersion(db: Db): Promise<number> {
  const row = await db.selectFrom("glossary_state").select("version").where("id", "=", 1).executeTakeFirst();
  return row?.version ?? 0;
}

export async function bumpGlossaryVersion(db: Db): Promise<void> {
  await db.updateTable("glossary_state").set((eb) => ({ version: eb("version", "+", 1) })).where("id", "=", 1).execute();
}

export async function findConcept(db: Db, id: string) {
  return db.selectFrom("concepts").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertConcept(db: Db, concept: ConceptsTable): Promise<void> {
  await db.insertInto("concepts").values(concept).execute();
}

export async function findTermByText(db: Db, conceptId: string, lang: string, text: string): Promise<TermRow | undefined> {
  return db.selectFrom("terms").selectAll().where("concept_id", "=", conceptId).where("lang", "=", lang).where("text", "=", text).executeTakeFirst();
}

/** A new term row from a term as written in a file or a proposal. */
export function newTermRow(
  id: string,
  conceptId: string,
  lang: string,
  t: { text: string; type: TermRow["type"]; pos: string; usage: TermRow["usage"]; caseSensitive?: boolean; doNotTranslate?: boolean; commonWord?: boolean; plainVowels?: boolean; note?: string },
  meta: { by: string; now: string; status: TermStatus },
): TermRow {
  const reviewed = meta.status === "proposed" ? null : meta.by;
  return {
    id,
    concept_id: conceptId,
    lang,
    text: t.text,
    type: t.type,
    pos: t.pos,
    usage: t.usage,
    case_sensitive: t.caseSensitive ? 1 : 0,
    do_not_translate: t.doNotTranslate ? 1 : 0,
    common_word: t.commonWord ? 1 : 0,
    plain_vowels: t.plainVowels ? 1 : 0,
    note: t.note ?? null,
    status: meta.status,
    proposed_by: meta.by,
    proposed_at: meta.now,
    reviewed_by: reviewed,
    reviewed_at: reviewed ? meta.now : null,
    review_comment: null,
    updated_at: meta.now,
  };
}

export async function insertTerm(db: Db, term: Insertable<TermsTable>): Promise<void> {
  await db.insertInto("terms").values(term).execute();
}

export async function insertGlossaryEvent(db: Db, e: { conceptId: string; termId?: string | null; action: string; actorId: string | null; details?: unknown }): Promise<void> {
  await db
    .insertInto("glossary_events")
    .values({ id: newId("gev"), concept_id: e.conceptId, term_id: e.termId ?? null, action: e.action, actor_id: e.actorId, details: e.details === undefined ? null : JSON.stringify(e.details), created_at: new Date().toISOString() })
    .execute();
}

/** Terms of a language in the given workflow statuses. */
export async function listTerms(db: Db, lang: string, statuses: readonly TermStatus[]): Promise<TermRow[]> {
  return db.selectFrom("terms").selectAll().where("lang", "=", lang).where("status", "in", [...statuses]).orderBy("concept_id").orderBy("id").execute();
}

/** Each concept's preferred approved English term (the name a match is reported under). */
export async function preferredSourceTerms(db: Db): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("terms")
    .select(["concept_id", "text", "usage", "type"])
    .where("lang", "=", "en")
    .where("status", "=", "approved")
    .where("usage", "!=", "forbidden")
    .orderBy("concept_id")
    .orderBy("proposed_at")
    .execute();
  // Preferred before admitted, full forms before abbreviations, then the oldest.
  const rank = (r: { usage: string; type: string }) => (r.usage === "preferred" ? 0 : 2) + (r.type === "fullForm" ? 0 : 1);
  const best = new Map<string, { text: string; rank: number }>();
  for (const r of rows) {
    const current = best.get(r.concept_id);
    if (!current || rank(r) < current.rank) best.set(r.concept_id, { text: r.text, rank: rank(r) });
  }
  const out = new Map<string, string>();
  for (const [id, b] of best) out.set(id, b.text);
  return out;
}

export { foldForSearch };

export interface ConceptListFilter {
  readonly q?: string;
  readonly lang?: string;
  readonly status?: string;
  readonly subject?: string;
  /** Statuses the caller may see (readers: approved only). */
  readonly visible: readonly string[];
}

/** Concepts with their visible terms, filtered; search folds case, accents and diacritics across languages. */
export async function listConcepts(db: Db, filter: ConceptListFilter) {
  let cq = db.selectFrom("concepts").selectAll().orderBy("id");
  if (filter.subject) cq = cq.where("subject", "=", filter.subject);
  const [concepts, terms] = await Promise.all([cq.execute(), db.selectFrom("terms").selectAll().where("status", "in", [...filter.visible] as never).orderBy("lang").orderBy("proposed_at").execute()]);
  const byConcept = new Map<string, TermRow[]>();
  for (const t of terms) byConcept.set(t.concept_id, [...(byConcept.get(t.concept_id) ?? []), t]);
  const q = filter.q ? foldForSearch(filter.q.trim()) : "";
  return concepts
    .map((c) => ({ ...c, terms: byConcept.get(c.id) ?? [] }))
    .filter((c) => {
      // A concept without a visible term (for readers: one still proposed) is not listed, nor found by its id or definition.
      if (c.terms.length === 0) return false;
      const scoped = c.terms.filter((t) => (!filter.lang || t.lang === filter.lang) && (!filter.status || t.status === filter.status));
      if ((filter.lang || filter.status) && scoped.length === 0) return false;
      if (!q) return true;
      return foldForSearch(c.id).includes(q) || foldForSearch(c.definition).includes(q) || scoped.some((t) => foldForSearch(t.text).includes(q));
    });
}

/** Subjects to choose from: the newsroom's list, then any other subject concepts carry (from imports). */
export async function listSubjects(db: Db, base: readonly string[]): Promise<string[]> {
  const rows = await db.selectFrom("concepts").select("subject").distinct().orderBy("subject").execute();
  return [...base, ...rows.map((r) => r.subject).filter((s) => !base.includes(s))];
}

/** A concept's history, newest first. */
export async function listGlossaryEvents(db: Db, conceptId: string) {
  return db.selectFrom("glossary_events").selectAll().where("concept_id", "=", conceptId).orderBy("created_at", "desc").orderBy("id", "desc").execute();
}

/** One concept's terms in the given statuses, by language. */
export async function listConceptTerms(db: Db, conceptId: string, statuses: readonly TermStatus[]): Promise<TermRow[]> {
  return db.selectFrom("terms").selectAll().where("concept_id", "=", conceptId).where("status", "in", [...statuses]).orderBy("lang").orderBy("proposed_at").execute();
}
