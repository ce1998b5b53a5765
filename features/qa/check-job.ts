/**
 * The quality checks of one translation as a worker job (lib/worker): the
 * segment's glossary lookup and every segment check, off the request thread,
 * for long texts (features/qa/server/check.ts decides).
 */
import { lookupIn, type SegmentLookupInput } from "@/features/glossary/compiled";
import { GLOSSARY_NOT_CACHED, tryGlossary, type GlossaryRef } from "@/features/glossary/job";
import { runChecks } from "./registry";
import type { QaIssue } from "./types";

export function qaCheckJob(input: { segment: SegmentLookupInput; glossaries: { source: GlossaryRef; target: GlossaryRef } | null }): QaIssue[] {
  let glossary = null;
  if (input.glossaries) {
    const source = tryGlossary(input.glossaries.source);
    const target = tryGlossary(input.glossaries.target);
    if (!source || !target) {
      const e = new Error("A glossary of this check is not compiled in this worker.");
      e.name = GLOSSARY_NOT_CACHED;
      throw e;
    }
    glossary = { concepts: lookupIn(source, target, input.segment) };
  }
  return runChecks({ ...input.segment, glossary });
}
