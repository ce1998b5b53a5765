import "server-only";
import type { Kysely } from "kysely";
import type { Database, TermStatus } from "@/lib/db/schema";
import { Recognizer } from "../recognize";
import { getGlossaryVersion, listTerms, preferredSourceTerms } from "./repository";

export interface RecognizedTerm {
  readonly conceptId: string;
  readonly sourceTerm: string | null;
  readonly termId: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly status: string;
  readonly usage: string;
  readonly commonWord: boolean;
}

interface Compiled {
  readonly version: number;
  readonly recognizer: Recognizer;
  readonly sourceTerms: Map<string, string>;
}

// Per database (tests open several), per language and scope.
const caches = new WeakMap<Kysely<Database>, Map<string, Promise<Compiled>>>();

/** The recognizer for a language and scope, rebuilt when the glossary version changes. */
async function compiled(db: Kysely<Database>, lang: string, statuses: readonly TermStatus[]): Promise<Compiled> {
  const version = await getGlossaryVersion(db);
  const key = `${lang}|${statuses.join(",")}`;
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const cached = cache.get(key);
  if (cached) {
    const c = await cached;
    if (c.version === version) return c;
  }
  const building = (async () => {
    const [terms, sourceTerms] = await Promise.all([listTerms(db, lang, statuses), preferredSourceTerms(db)]);
    const recognizer = new Recognizer(
      lang,
      terms.map((t) => ({ conceptId: t.concept_id, termId: t.id, text: t.text, type: t.type, pos: t.pos, usage: t.usage, caseSensitive: t.case_sensitive === 1, commonWord: t.common_word === 1, plainVowels: t.plain_vowels === 1, status: t.status })),
    );
    return { version, recognizer, sourceTerms };
  })();
  cache.set(key, building);
  building.catch(() => cache.delete(key));
  return building;
}

/**
 * Every occurrence of a glossary concept in `text` (approved terms; proposed ones too when asked).
 * Terms that are also ordinary words count only for the `concepts` the text is known to name.
 */
export async function recognizeTerms(db: Kysely<Database>, lang: string, text: string, includeProposed: boolean, concepts?: Iterable<string>): Promise<RecognizedTerm[]> {
  const c = await compiled(db, lang, includeProposed ? ["approved", "proposed"] : ["approved"]);
  return c.recognizer.find(text, { concepts: concepts ? new Set(concepts) : undefined }).map((m) => ({
    conceptId: m.conceptId,
    sourceTerm: c.sourceTerms.get(m.conceptId) ?? null,
    termId: m.termId,
    start: m.start,
    end: m.end,
    text: m.text,
    status: m.status,
    usage: m.usage,
    commonWord: m.commonWord,
  }));
}

/**
 * The glossary for one segment: concepts named in the source, their target
 * terms, and whether the target already uses one (or a forbidden one).
 */
export async function lookupSegment(db: Kysely<Database>, input: { sourceLang: string; targetLang: string; source: string; target: string }, includeProposed: boolean) {
  const inSource = await recognizeTerms(db, input.sourceLang, input.source, includeProposed);
  // A forbidden spelling in the source does not make the concept expected in the target.
  const named = inSource.filter((m) => m.usage !== "forbidden");
  const ids = [...new Set(named.map((m) => m.conceptId))];
  if (ids.length === 0) return { concepts: [] };
  // In a translation of this source, an ordinary word that renders one of its concepts ("calibre" for Kalibr) counts.
  const inTarget = input.target ? await recognizeTerms(db, input.targetLang, input.target, includeProposed, ids) : [];
  const statuses = includeProposed ? ["approved", "proposed"] : ["approved"];
  const [terms, concepts] = await Promise.all([
    db.selectFrom("terms").select(["id", "concept_id", "text", "usage", "status", "do_not_translate", "common_word"]).where("concept_id", "in", ids).where("lang", "=", input.targetLang).where("status", "in", statuses as never).orderBy("proposed_at").execute(),
    db.selectFrom("concepts").select(["id", "definition"]).where("id", "in", ids).execute(),
  ]);
  const definitions = new Map(concepts.map((c) => [c.id, c.definition]));
  const order = { preferred: 0, admitted: 1, forbidden: 2 } as const;
  // Matches and terms grouped by concept once (not filtered again for every concept).
  const group = <T,>(items: readonly T[], key: (t: T) => string) => {
    const m = new Map<string, T[]>();
    for (const x of items) {
      const k = key(x);
      const list = m.get(k);
      if (list) list.push(x);
      else m.set(k, [x]);
    }
    return m;
  };
  const sourceOf = group(named, (m) => m.conceptId);
  const targetOf = group(inTarget, (m) => m.conceptId);
  const termsOf = group(terms, (t) => t.concept_id);
  return {
    concepts: ids.map((id) => {
      const targetMatches = (targetOf.get(id) ?? []).map((m) => ({ start: m.start, end: m.end, text: m.text, usage: m.usage, termId: m.termId, commonWord: m.commonWord }));
      const sourceMatches = sourceOf.get(id)!;
      return {
        conceptId: id,
        sourceTerm: sourceMatches[0]!.sourceTerm,
        definition: definitions.get(id) ?? "",
        sourceMatches: sourceMatches.map((m) => ({ start: m.start, end: m.end, text: m.text })),
        targetTerms: (termsOf.get(id) ?? [])
          .slice()
          .sort((a, b) => order[a.usage] - order[b.usage])
          .map((t) => ({ id: t.id, text: t.text, usage: t.usage, status: t.status, doNotTranslate: t.do_not_translate === 1, commonWord: t.common_word === 1 })),
        present: targetMatches.some((m) => m.usage !== "forbidden"),
        targetMatches,
      };
    }),
  };
}

export interface ConceptCard {
  readonly id: string;
  readonly definition: string;
  /** Preferred approved term per language. */
  readonly terms: Readonly<Record<string, string>>;
}

/** Approved terms marked in each text, with what a reader's tooltip shows for each concept. */
export async function annotateForReader(db: Kysely<Database>, lang: string, texts: readonly string[]): Promise<{ matches: RecognizedTerm[][]; concepts: Map<string, ConceptCard> }> {
  const matches = await Promise.all(texts.map((t) => recognizeTerms(db, lang, t, false)));
  const ids = [...new Set(matches.flat().filter((m) => m.usage !== "forbidden").map((m) => m.conceptId))];
  const concepts = new Map<string, ConceptCard>();
  if (ids.length) {
    const [defs, terms] = await Promise.all([
      db.selectFrom("concepts").select(["id", "definition"]).where("id", "in", ids).execute(),
      db.selectFrom("terms").select(["concept_id", "lang", "text", "usage"]).where("concept_id", "in", ids).where("status", "=", "approved").where("usage", "!=", "forbidden").orderBy("proposed_at").execute(),
    ]);
    for (const d of defs) {
      const byLang: Record<string, string> = {};
      for (const t of terms.filter((x) => x.concept_id === d.id).sort((a, b) => (a.usage === "preferred" ? 0 : 1) - (b.usage === "preferred" ? 0 : 1))) byLang[t.lang] ??= t.text;
      concepts.set(d.id, { id: d.id, definition: d.definition, terms: byLang });
    }
  }
  return { matches: matches.map((ms) => ms.filter((m) => m.usage !== "forbidden")), concepts };
}
