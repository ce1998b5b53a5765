/**
 * The alignment as a worker job (lib/worker): the CPU-heavy part of POST
 * /api/v1/documents/{slug}/align, run off the request thread with a time
 * budget. The glossary concepts of each sentence come in computed.
 */
import { alignDocument, type Alignment } from "./align";

export interface AlignJobInput {
  readonly sources: readonly string[];
  readonly text: string;
  readonly sourceLang: string;
  readonly targetLang: string;
  /** Concept ids per distinct sentence text, per side. */
  readonly sourceConcepts: ReadonlyMap<string, readonly string[]>;
  readonly targetConcepts: ReadonlyMap<string, readonly string[]>;
}

export function alignJob(input: AlignJobInput): Alignment {
  return alignDocument(input.sources, input.text, {
    sourceLang: input.sourceLang,
    targetLang: input.targetLang,
    concepts: (text, lang) => (lang === input.targetLang ? input.targetConcepts : input.sourceConcepts).get(text) ?? [],
  });
}
