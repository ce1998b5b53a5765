import "server-only";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "@/lib/db/schema";
import type { LanguageCode } from "@/lib/i18n/languages";
import { getT } from "@/lib/i18n/server";
import { lookupSegment } from "@/features/glossary/server/recognition";
import { getWorkbenchDocument } from "@/features/workbench/server/service";
import { runChecks, runDocumentChecks } from "../registry";
import { issueMessage } from "../messages";
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

/**
 * Every QA issue of a document in one language: each translated segment's
 * checks (with the approved glossary) and the document-level checks, in
 * segment order, with messages in the UI language.
 */
export async function documentQaReport(db: Kysely<Database>, slug: string, lang: string, uiLang: LanguageCode): Promise<QaReport> {
  const doc = await getWorkbenchDocument(db, slug, lang);
  const t = getT(uiLang, "qa");
  const sourceLang = doc.document.sourceLang;
  const translated = doc.segments.filter((s) => s.translation && s.translation.text.trim());
  const issues: QaReport["issues"] = [];
  for (const s of translated) {
    const input = { sourceLang, targetLang: lang, source: s.source, target: s.translation!.text };
    const glossary = await lookupSegment(db, input, false);
    for (const i of runChecks({ ...input, glossary })) {
      issues.push({ segmentId: s.id, segmentKey: s.key, position: s.position, check: i.check, severity: i.severity, message: issueMessage(t, i), start: i.start, end: i.end, excerpt: i.start >= 0 && i.end > i.start ? input.target.slice(i.start, i.end) : null, related: [] });
    }
  }
  const byId = new Map(doc.segments.map((s) => [s.id, s]));
  for (const i of runDocumentChecks(translated.map((s) => ({ id: s.id, source: s.source, target: s.translation!.text })))) {
    const s = byId.get(i.segmentId)!;
    issues.push({ segmentId: s.id, segmentKey: s.key, position: s.position, check: i.check, severity: i.severity, message: issueMessage(t, i), start: i.start, end: i.end, excerpt: i.start >= 0 && i.end > i.start ? s.translation!.text.slice(i.start, i.end) : null, related: i.relatedSegmentIds.map((id) => byId.get(id)?.key ?? id) });
  }
  issues.sort((a, b) => a.position - b.position || (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  return {
    document: { slug: doc.document.slug, title: doc.document.title },
    lang,
    counts: { error: issues.filter((i) => i.severity === "error").length, warning: issues.filter((i) => i.severity === "warning").length, segments: new Set(issues.map((i) => i.segmentId)).size },
    issues,
  };
}
