/**
 * A glossary of one language and scope as plain data (what the database
 * holds: terms, and each concept's English name), and the recognition and
 * segment lookup over it. Pure: the same code runs on the request thread for
 * short texts and in a worker thread (features/glossary/job.ts) for long ones,
 * so both give the same answer.
 */
import { Recognizer } from "./recognize";

/** One term as the recognizer and the segment lookup read it (a subset of the terms table). */
export interface GlossaryTermData {
  readonly id: string;
  readonly concept_id: string;
  readonly text: string;
  readonly type: "fullForm" | "abbreviation" | "variant";
  readonly pos: string;
  readonly usage: "preferred" | "admitted" | "forbidden";
  readonly status: string;
  readonly case_sensitive: number;
  readonly do_not_translate: number;
  readonly common_word: number;
  readonly plain_vowels: number;
  readonly proposed_at: string;
}

/** The terms of one language and scope (in the order concept id, term id), and every concept's preferred English term. */
export interface GlossarySnapshot {
  readonly lang: string;
  readonly terms: readonly GlossaryTermData[];
  readonly sourceTerms: readonly (readonly [conceptId: string, term: string])[];
}

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

/** A snapshot with its recognizer built. */
export class CompiledGlossary {
  readonly recognizer: Recognizer;
  readonly sourceTerms: ReadonlyMap<string, string>;
  private byConcept: Map<string, GlossaryTermData[]> | null = null;

  constructor(readonly snapshot: GlossarySnapshot) {
    this.recognizer = new Recognizer(
      snapshot.lang,
      snapshot.terms.map((t) => ({ conceptId: t.concept_id, termId: t.id, text: t.text, type: t.type, pos: t.pos, usage: t.usage, caseSensitive: t.case_sensitive === 1, commonWord: t.common_word === 1, plainVowels: t.plain_vowels === 1, status: t.status })),
    );
    this.sourceTerms = new Map(snapshot.sourceTerms);
  }

  /** The terms of a concept, oldest proposal first. */
  termsOf(conceptId: string): readonly GlossaryTermData[] {
    if (!this.byConcept) {
      const m = new Map<string, GlossaryTermData[]>();
      for (const t of this.snapshot.terms) {
        const list = m.get(t.concept_id);
        if (list) list.push(t);
        else m.set(t.concept_id, [t]);
      }
      // Stable: terms proposed at the same moment keep the order of their ids.
      for (const list of m.values()) list.sort((a, b) => (a.proposed_at < b.proposed_at ? -1 : a.proposed_at > b.proposed_at ? 1 : 0));
      this.byConcept = m;
    }
    return this.byConcept.get(conceptId) ?? [];
  }
}

/**
 * Every occurrence of a concept of `glossary` in `text`. Terms that are also
 * ordinary words count only for the `concepts` the text is known to name.
 */
export function recognizeIn(glossary: CompiledGlossary, text: string, concepts?: Iterable<string>): RecognizedTerm[] {
  return glossary.recognizer.find(text, { concepts: concepts ? new Set(concepts) : undefined }).map((m) => ({
    conceptId: m.conceptId,
    sourceTerm: glossary.sourceTerms.get(m.conceptId) ?? null,
    termId: m.termId,
    start: m.start,
    end: m.end,
    text: m.text,
    status: m.status,
    usage: m.usage,
    commonWord: m.commonWord,
  }));
}

export interface SegmentLookupInput {
  readonly sourceLang: string;
  readonly targetLang: string;
  readonly source: string;
  readonly target: string;
}

/** One concept of a segment lookup (POST /api/v1/glossary/lookup); `definition` is filled in from the database afterwards. */
export interface SegmentLookupConcept {
  readonly conceptId: string;
  readonly sourceTerm: string | null;
  definition: string;
  readonly sourceMatches: { start: number; end: number; text: string }[];
  readonly targetTerms: { id: string; text: string; usage: GlossaryTermData["usage"]; status: string; doNotTranslate: boolean; commonWord: boolean }[];
  readonly present: boolean;
  readonly targetMatches: { start: number; end: number; text: string; usage: string; termId: string; commonWord: boolean }[];
}

const USAGE_ORDER = { preferred: 0, admitted: 1, forbidden: 2 } as const;

function group<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}

/**
 * The glossary for one segment: concepts named in the source, their target
 * terms (preferred, admitted, then forbidden), and whether the target already
 * uses one (or a forbidden one). Definitions are left empty.
 */
export function lookupIn(source: CompiledGlossary, target: CompiledGlossary, input: SegmentLookupInput): SegmentLookupConcept[] {
  const inSource = recognizeIn(source, input.source);
  // A forbidden spelling in the source does not make the concept expected in the target.
  const named = inSource.filter((m) => m.usage !== "forbidden");
  const ids = [...new Set(named.map((m) => m.conceptId))];
  if (ids.length === 0) return [];
  // In a translation of this source, an ordinary word that renders one of its concepts ("calibre" for Kalibr) counts.
  const inTarget = input.target ? recognizeIn(target, input.target, ids) : [];
  const sourceOf = group(named, (m) => m.conceptId);
  const targetOf = group(inTarget, (m) => m.conceptId);
  return ids.map((id) => {
    const targetMatches = (targetOf.get(id) ?? []).map((m) => ({ start: m.start, end: m.end, text: m.text, usage: m.usage, termId: m.termId, commonWord: m.commonWord }));
    const sourceMatches = sourceOf.get(id)!;
    return {
      conceptId: id,
      sourceTerm: sourceMatches[0]!.sourceTerm,
      definition: "",
      sourceMatches: sourceMatches.map((m) => ({ start: m.start, end: m.end, text: m.text })),
      targetTerms: target
        .termsOf(id)
        .slice()
        .sort((a, b) => USAGE_ORDER[a.usage] - USAGE_ORDER[b.usage])
        .map((t) => ({ id: t.id, text: t.text, usage: t.usage, status: t.status, doNotTranslate: t.do_not_translate === 1, commonWord: t.common_word === 1 })),
      present: targetMatches.some((m) => m.usage !== "forbidden"),
      targetMatches,
    };
  });
}
