import "server-only";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "@/lib/db/schema";
import type { LanguageCode } from "@/lib/i18n/languages";
import { lookupSegment } from "@/features/glossary/server/recognition";
import { getWorkbenchDocument } from "@/features/workbench/server/service";
import { defineJob, runJob } from "@/lib/worker/pool";
import type * as ReportJob from "../report-job";
import { CHECK_IDS } from "../types";

export const qaReportSchema = z.object({
  document: z.object({ slug: z.string(), title: z.string() }),
  lang: z.string(),
  counts: z.object({ error: z.number().int(), warning: z.number().int(), segments: z.number().int() }),
  issues: z.array(
    z.object({
      segmentId: z.string(),
      segmentKey: z.string(),
      position: z.number().int(),
      check: z.enum(CHECK_IDS),
      severity: z.enum(["error", "warning"]),
      message: z.string(),
      start: z.number().int(),
      end: z.number().int(),
      /** The offending text in the target, when the issue points at one. */
      excerpt: z.string().nullable(),
      /** Other segments involved (document-level checks). */
      related: z.array(z.string()),
    }),
  ),
});
export type QaReport = z.infer<typeof qaReportSchema>;

const qaReportJob = defineJob<typeof ReportJob.qaReportJob>("features/qa/report-job.ts", "qaReportJob");

/**
 * Every QA issue of a document in one language: each translated segment's
 * checks (with the approved glossary) and the document-level checks, in
 * segment order, with messages in the UI language.
 */
export async function documentQaReport(db: Kysely<Database>, slug: string, lang: string, uiLang: LanguageCode, options: { signal?: AbortSignal } = {}): Promise<QaReport> {
  const doc = await getWorkbenchDocument(db, slug, lang);
  const sourceLang = doc.document.sourceLang;
  const translated = doc.segments.filter((s) => s.translation && s.translation.text.trim());
  const segments = [];
  for (const s of translated) {
    const input = { sourceLang, targetLang: lang, source: s.source, target: s.translation!.text };
    segments.push({ id: s.id, key: s.key, position: s.position, source: s.source, target: input.target, glossary: await lookupSegment(db, input, false) });
  }
  // The checks run in a worker thread, within its time budget (lib/worker).
  const issues = await runJob(qaReportJob, { sourceLang, lang, uiLang, segments, keys: new Map(doc.segments.map((s) => [s.id, s.key])) }, { signal: options.signal });
  issues.sort((a, b) => a.position - b.position || (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  return {
    document: { slug: doc.document.slug, title: doc.document.title },
    lang,
    counts: { error: issues.filter((i) => i.severity === "error").length, warning: issues.filter((i) => i.severity === "warning").length, segments: new Set(issues.map((i) => i.segmentId)).size },
    issues,
  };
}
