import "server-only";
import { sql, type ExpressionBuilder, type Insertable, type Kysely, type Transaction } from "kysely";
import type { ConceptRow, ConceptsTable, Database, TermRow, TermStatus, TermsTable } from "@/lib/db/schema";
import { direction, keysetCondition, toPage, type Page, type PageRequest, type SortKey } from "@/lib/db/keyset";
import { distinctValues } from "@/lib/db/distinct";
import { newId } from "@/features/stories/stories";
import { foldConceptSearch, foldForSearch } from "@/lib/text/fold";

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

export async function insertConcept(db: Db, concept: Insertable<ConceptsTable>): Promise<void> {
  await db.insertInto("concepts").values({ ...concept, search_fold: foldConceptSearch(concept.id, concept.definition) }).execute();
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
    text_fold: foldForSearch(t.text),
  };
}

export async function insertTerm(db: Db, term: Insertable<TermsTable>): Promise<void> {
  await db.insertInto("terms").values({ ...term, text_fold: term.text_fold || foldForSearch(term.text) }).execute();
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

/** The glossary list's order: by concept id (stable, readable ids such as "drone-strike"). */
export const CONCEPTS_ORDER: readonly SortKey[] = [{ column: "concepts.id", desc: false }];

/** `LIKE` pattern that matches folded `text` literally anywhere (backslash escapes). */
function foldedPattern(text: string): string {
  return `%${foldForSearch(text.trim()).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * One page of concepts with their visible terms, filtered in SQL: a concept is listed
 * when it has a visible term (in `lang` and `status` when given); the search (folded
 * case, accents and diacritics across languages) matches its id, its definition or
 * the text of such a term. Two queries: the page of concepts, then their terms.
 */
export async function listConceptPage(db: Db, filter: ConceptListFilter, request: PageRequest): Promise<Page<ConceptRow & { terms: TermRow[] }>> {
  const reverse = request.before !== undefined;
  const cursor = request.after ?? request.before;
  const visible = filter.status ? filter.visible.filter((s) => s === filter.status) : [...filter.visible];
  if (visible.length === 0) return { items: [], next: null, prev: null };
  const pattern = filter.q?.trim() ? foldedPattern(filter.q) : undefined;
  const scopedTerms = (eb: ExpressionBuilder<Database, "concepts">) => {
    let terms = eb.selectFrom("terms").select(sql.lit(1).as("one")).whereRef("terms.concept_id", "=", "concepts.id").where("terms.status", "in", visible as TermStatus[]);
    if (filter.lang) terms = terms.where("terms.lang", "=", filter.lang);
    return terms;
  };
  let q = db.selectFrom("concepts").selectAll("concepts").where((eb) => eb.exists(scopedTerms(eb)));
  if (filter.subject) q = q.where("concepts.subject", "=", filter.subject);
  if (pattern) {
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`concepts.search_fold like ${pattern} escape '\\'`,
        eb.exists(scopedTerms(eb).where(sql<boolean>`terms.text_fold like ${pattern} escape '\\'`)),
      ]),
    );
  }
  if (cursor) q = q.where((eb) => keysetCondition(eb, CONCEPTS_ORDER, cursor, reverse));
  for (const key of CONCEPTS_ORDER) q = q.orderBy(sql.ref(key.column), direction(key, reverse));
  const page = toPage(await q.limit(request.limit + 1).execute(), request, (c) => [c.id]);
  const ids = page.items.map((c) => c.id);
  const terms = ids.length
    ? await db.selectFrom("terms").selectAll().where("concept_id", "in", ids).where("status", "in", [...filter.visible] as TermStatus[]).orderBy("concept_id").orderBy("lang").orderBy("proposed_at").execute()
    : [];
  const byConcept = new Map<string, TermRow[]>();
  for (const t of terms) {
    const list = byConcept.get(t.concept_id);
    if (list) list.push(t);
    else byConcept.set(t.concept_id, [t]);
  }
  return { ...page, items: page.items.map((c) => ({ ...c, terms: byConcept.get(c.id) ?? [] })) };
}

/** Subjects to choose from: the newsroom's list, then any other subject concepts carry (from imports). */
export async function listSubjects(db: Db, base: readonly string[]): Promise<string[]> {
  const used = await distinctValues(db, "concepts", "subject");
  return [...base, ...used.filter((s) => !base.includes(s))];
}

/** A concept's history, newest first. */
export async function listGlossaryEvents(db: Db, conceptId: string) {
  return db.selectFrom("glossary_events").selectAll().where("concept_id", "=", conceptId).orderBy("created_at", "desc").orderBy("id", "desc").execute();
}

/** One concept's terms in the given statuses, by language. */
export async function listConceptTerms(db: Db, conceptId: string, statuses: readonly TermStatus[]): Promise<TermRow[]> {
  return db.selectFrom("terms").selectAll().where("concept_id", "=", conceptId).where("status", "in", [...statuses]).orderBy("lang").orderBy("proposed_at").execute();
}
