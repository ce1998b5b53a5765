import "server-only";
import type { Kysely } from "kysely";
import type { Database, TermStatus } from "@/lib/db/schema";
import { defineJob, runJob, type Job, type JobInput, type JobResult } from "@/lib/worker/pool";
import { CompiledGlossary, lookupIn, recognizeIn, type GlossarySnapshot, type RecognizedTerm, type SegmentLookupInput } from "../compiled";
import { GLOSSARY_NOT_CACHED, type GlossaryRef } from "../job";
import type * as GlossaryJobs from "../job";
import { getGlossaryVersion, listTerms, preferredSourceTerms } from "./repository";

export type { RecognizedTerm } from "../compiled";

/**
 * Texts up to this many characters (source and target together) are matched
 * on the request thread (a few milliseconds); longer ones in a worker thread
 * (lib/worker), so that a 100,000-character request does not hold up the others.
 */
export const INLINE_CHARS = 2_000;

/** A glossary of one language and scope at one version: its terms (sent to workers) and, once needed here, its recognizer. */
export class GlossaryEntry {
  private compiledHere: CompiledGlossary | null = null;
  constructor(
    readonly key: string,
    readonly version: number,
    readonly snapshot: GlossarySnapshot,
  ) {}

  /** Compiled on this thread (for short texts). */
  get compiled(): CompiledGlossary {
    return (this.compiledHere ??= new CompiledGlossary(this.snapshot));
  }

  /** The reference a job carries: the terms only when the worker lacks them. */
  ref(withTerms: boolean): GlossaryRef {
    return withTerms ? { key: this.key, version: this.version, snapshot: this.snapshot } : { key: this.key, version: this.version };
  }
}

// Per database (tests open several), per language and scope.
const caches = new WeakMap<Kysely<Database>, Map<string, Promise<GlossaryEntry>>>();
const dbKeys = new WeakMap<Kysely<Database>, string>();
const dbKey = (db: Kysely<Database>) => {
  let k = dbKeys.get(db);
  if (!k) dbKeys.set(db, (k = crypto.randomUUID()));
  return k;
};

/** The glossary of a language and scope, read again when the glossary version changes. */
export async function glossaryEntry(db: Kysely<Database>, lang: string, statuses: readonly TermStatus[]): Promise<GlossaryEntry> {
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
    const snapshot: GlossarySnapshot = {
      lang,
      terms: terms.map((t) => ({
        id: t.id,
        concept_id: t.concept_id,
        text: t.text,
        type: t.type,
        pos: t.pos,
        usage: t.usage,
        status: t.status,
        case_sensitive: t.case_sensitive,
        do_not_translate: t.do_not_translate,
        common_word: t.common_word,
        plain_vowels: t.plain_vowels,
        proposed_at: t.proposed_at,
      })),
      sourceTerms: [...sourceTerms],
    };
    return new GlossaryEntry(`${dbKey(db)}|${key}`, version, snapshot);
  })();
  cache.set(key, building);
  building.catch(() => cache.delete(key));
  return building;
}

const scope = (includeProposed: boolean): readonly TermStatus[] => (includeProposed ? ["approved", "proposed"] : ["approved"]);

/**
 * Runs a job that names glossaries (lib/worker): first with their versions
 * only, and again with their terms when the worker has not compiled them yet.
 */
export async function runGlossaryJob<F extends (input: never) => unknown>(
  job: Job<F>,
  input: (withTerms: boolean) => JobInput<F>,
  options: { signal?: AbortSignal } = {},
): Promise<JobResult<F>> {
  try {
    return await runJob(job, input(false), options);
  } catch (e) {
    if (!(e instanceof Error) || e.name !== GLOSSARY_NOT_CACHED) throw e;
    return runJob(job, input(true), options);
  }
}

const recognizeJob = defineJob<typeof GlossaryJobs.recognizeJob>("features/glossary/job.ts", "recognizeJob");
const lookupJob = defineJob<typeof GlossaryJobs.lookupJob>("features/glossary/job.ts", "lookupJob");

/**
 * Every occurrence of a glossary concept in `text` (approved terms; proposed ones too when asked).
 * Terms that are also ordinary words count only for the `concepts` the text is known to name.
 */
export async function recognizeTerms(db: Kysely<Database>, lang: string, text: string, includeProposed: boolean, concepts?: Iterable<string>, options: { signal?: AbortSignal } = {}): Promise<RecognizedTerm[]> {
  const g = await glossaryEntry(db, lang, scope(includeProposed));
  if (text.length <= INLINE_CHARS) return recognizeIn(g.compiled, text, concepts);
  return runGlossaryJob(recognizeJob, (withTerms) => ({ glossary: g.ref(withTerms), text, concepts: concepts ? [...concepts] : undefined }), options);
}

/** The source and target glossaries of a segment lookup. */
export async function segmentGlossaries(db: Kysely<Database>, input: SegmentLookupInput, includeProposed: boolean): Promise<{ source: GlossaryEntry; target: GlossaryEntry }> {
  const [source, target] = await Promise.all([glossaryEntry(db, input.sourceLang, scope(includeProposed)), glossaryEntry(db, input.targetLang, scope(includeProposed))]);
  return { source, target };
}

/**
 * The glossary for one segment: concepts named in the source, their target
 * terms, and whether the target already uses one (or a forbidden one).
 */
export async function lookupSegment(db: Kysely<Database>, input: SegmentLookupInput, includeProposed: boolean, options: { signal?: AbortSignal } = {}) {
  const { source, target } = await segmentGlossaries(db, input, includeProposed);
  const concepts =
    input.source.length + input.target.length <= INLINE_CHARS
      ? lookupIn(source.compiled, target.compiled, input)
      : await runGlossaryJob(lookupJob, (withTerms) => ({ source: source.ref(withTerms), target: target.ref(withTerms), segment: input }), options);
  if (concepts.length) {
    const rows = await db.selectFrom("concepts").select(["id", "definition"]).where("id", "in", concepts.map((c) => c.conceptId)).execute();
    const definitions = new Map(rows.map((c) => [c.id, c.definition]));
    for (const c of concepts) c.definition = definitions.get(c.conceptId) ?? "";
  }
  return { concepts };
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
