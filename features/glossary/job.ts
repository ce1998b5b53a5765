/**
 * Glossary recognition and segment lookup as worker jobs (lib/worker): long
 * texts are matched off the request thread. Each worker keeps the glossaries
 * it was sent, compiled, by key (database, language, scope) and version: a
 * job names the glossary it needs with its version only, and when the worker
 * has not got that version it fails with GlossaryNotCached and the caller
 * sends it again with the terms (features/glossary/server/recognition.ts).
 */
import { CompiledGlossary, lookupIn, recognizeIn, type GlossarySnapshot, type RecognizedTerm, type SegmentLookupConcept, type SegmentLookupInput } from "./compiled";

/** A glossary a job needs: its cache key and version, and its terms when the worker may not have them. */
export interface GlossaryRef {
  readonly key: string;
  readonly version: number;
  readonly snapshot?: GlossarySnapshot;
}

/** Thrown (by name, across the thread boundary) when a job names a glossary version the worker has not got. */
export const GLOSSARY_NOT_CACHED = "GlossaryNotCached";

/** Glossaries kept per worker: a language and scope each, per database. */
const MAX_CACHED = 32;
const cache = new Map<string, { version: number; glossary: CompiledGlossary }>();

/** The compiled glossary a job names: from the worker's cache, or built from the terms sent with it. */
export function glossaryOf(ref: GlossaryRef): CompiledGlossary {
  const hit = cache.get(ref.key);
  if (hit && hit.version === ref.version) {
    // Re-inserted: the Map's order is the order of use (the least recently used goes first).
    cache.delete(ref.key);
    cache.set(ref.key, hit);
    return hit.glossary;
  }
  if (!ref.snapshot) throw notCached(ref);
  const glossary = new CompiledGlossary(ref.snapshot);
  cache.delete(ref.key);
  cache.set(ref.key, { version: ref.version, glossary });
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  return glossary;
}

export function recognizeJob(input: { glossary: GlossaryRef; text: string; concepts?: readonly string[] }): RecognizedTerm[] {
  return recognizeIn(glossaryOf(input.glossary), input.text, input.concepts);
}

export function lookupJob(input: { source: GlossaryRef; target: GlossaryRef; segment: SegmentLookupInput }): SegmentLookupConcept[] {
  const source = tryGlossary(input.source);
  const target = tryGlossary(input.target);
  if (!source || !target) throw notCached(source ? input.target : input.source);
  return lookupIn(source, target, input.segment);
}

function notCached(ref: GlossaryRef): Error {
  const e = new Error(`Glossary ${ref.key} version ${ref.version} is not compiled in this worker.`);
  e.name = GLOSSARY_NOT_CACHED;
  return e;
}

/** The compiled glossary, or null when the worker must be sent its terms. */
export function tryGlossary(ref: GlossaryRef): CompiledGlossary | null {
  try {
    return glossaryOf(ref);
  } catch (e) {
    if (e instanceof Error && e.name === GLOSSARY_NOT_CACHED) return null;
    throw e;
  }
}
