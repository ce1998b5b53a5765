/**
 * The checks of a document QA report as a worker job (lib/worker): every
 * segment's checks and the document-level ones, with messages in the UI
 * language, off the request thread and within a time budget. The glossary
 * lookups come in computed (they need the database).
 */
import "server-only";
import type { LanguageCode } from "@/lib/i18n/languages";
import { getT } from "@/lib/i18n/server";
import { runChecks, runDocumentChecks } from "./registry";
import { issueMessage } from "./messages";
import type { QaGlossaryLookup } from "./types";
import type { QaReport } from "./server/report";

export interface QaReportJobInput {
  readonly sourceLang: string;
  readonly lang: string;
  readonly uiLang: LanguageCode;
  /** The translated segments, in order, with their glossary lookup. */
  readonly segments: readonly { id: string; key: string; position: number; source: string; target: string; glossary: QaGlossaryLookup }[];
  /** Key of every segment id of the document (to name related segments). */
  readonly keys: ReadonlyMap<string, string>;
}

export function qaReportJob(input: QaReportJobInput): QaReport["issues"] {
  const t = getT(input.uiLang, "qa");
  const issues: QaReport["issues"] = [];
  const excerpt = (target: string, start: number, end: number) => (start >= 0 && end > start ? target.slice(start, end) : null);
  for (const s of input.segments) {
    for (const i of runChecks({ sourceLang: input.sourceLang, targetLang: input.lang, source: s.source, target: s.target, glossary: s.glossary })) {
      issues.push({ segmentId: s.id, segmentKey: s.key, position: s.position, check: i.check, severity: i.severity, message: issueMessage(t, i), start: i.start, end: i.end, excerpt: excerpt(s.target, i.start, i.end), related: [] });
    }
  }
  const byId = new Map(input.segments.map((s) => [s.id, s]));
  for (const i of runDocumentChecks(input.segments.map((s) => ({ id: s.id, source: s.source, target: s.target })))) {
    const s = byId.get(i.segmentId)!;
    issues.push({ segmentId: s.id, segmentKey: s.key, position: s.position, check: i.check, severity: i.severity, message: issueMessage(t, i), start: i.start, end: i.end, excerpt: excerpt(s.target, i.start, i.end), related: i.relatedSegmentIds.map((id) => input.keys.get(id) ?? id) });
  }
  return issues;
}
