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
      terms.map((t) => ({ conceptId: t.concept_id, termId: t.id, text: t.text, type: t.type, pos: t.pos, usage: t.usage, caseSensitive: t.case_sensitive === 1, status: t.status })),
    );
    return { version, recognizer, sourceTerms };
  })();
  cache.set(key, building);
  building.catch(() => cache.delete(key));
  return building;
}

/** Every occurrence of a glossary concept in `text` (approved terms; proposed ones too when asked). */
export async function recognizeTerms(db: Kysely<Database>, lang: string, text: string, includeProposed: boolean): Promise<RecognizedTerm[]> {
  const c = await compiled(db, lang, includeProposed ? ["approved", "proposed"] : ["approved"]);
  return c.recognizer.find(text).map((m) => ({
    conceptId: m.conceptId,
    sourceTerm: c.sourceTerms.get(m.conceptId) ?? null,
    termId: m.termId,
    start: m.start,
    end: m.end,
    text: m.text,
    status: m.status,
    usage: m.usage,
  }));
}
