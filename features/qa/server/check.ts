import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { DEFAULT_LANGUAGE, isLanguageCode, negotiateLanguage, type LanguageCode } from "@/lib/i18n/languages";
import { getT } from "@/lib/i18n/server";
import { lookupIn } from "@/features/glossary/compiled";
import { INLINE_CHARS, runGlossaryJob, segmentGlossaries } from "@/features/glossary/server/recognition";
import { defineJob } from "@/lib/worker/pool";
import { runChecks } from "../registry";
import { issueMessage } from "../messages";
import type { QaCheckOutput } from "../schemas";
import type { QaIssue } from "../types";
import type * as CheckJob from "../check-job";

/** Same cookie as proxy.ts (LANGUAGE_COOKIE): the language the reader last used. */
const LANGUAGE_COOKIE = "lang";

/** The caller's UI language: the `lang` cookie, then Accept-Language, then English. */
export function uiLanguage(headers: Headers): LanguageCode {
  const cookie = headers
    .get("cookie")
    ?.split(";")
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${LANGUAGE_COOKIE}=`))
    ?.slice(LANGUAGE_COOKIE.length + 1);
  if (isLanguageCode(cookie)) return cookie;
  return negotiateLanguage(headers.get("accept-language")) ?? DEFAULT_LANGUAGE;
}

const qaCheckJob = defineJob<typeof CheckJob.qaCheckJob>("features/qa/check-job.ts", "qaCheckJob");

type Segment = { sourceLang: string; targetLang: string; source: string; target: string };

/**
 * Every segment issue of one translation, with the approved glossary (the
 * glossary checks enforce approved terms only, whoever asks: proposals are not
 * rules yet). Long texts are checked in a worker thread (lib/worker), short
 * ones here; the answer is the same.
 */
export async function qaIssues(db: Kysely<Database>, input: Segment, options: { signal?: AbortSignal } = {}): Promise<QaIssue[]> {
  const segment = { sourceLang: input.sourceLang, targetLang: input.targetLang, source: input.source, target: input.target };
  // An empty target gets only the "empty" issue: nothing to look up.
  if (!segment.target.trim()) return runChecks({ ...segment, glossary: null });
  const g = await segmentGlossaries(db, segment, false);
  if (segment.source.length + segment.target.length <= INLINE_CHARS) return runChecks({ ...segment, glossary: { concepts: lookupIn(g.source.compiled, g.target.compiled, segment) } });
  return runGlossaryJob(qaCheckJob, (withTerms) => ({ segment, glossaries: { source: g.source.ref(withTerms), target: g.target.ref(withTerms) } }), options);
}

/** Every issue of one translation, with messages in `uiLang` (see qaIssues). */
export async function checkTranslation(db: Kysely<Database>, input: Segment, uiLang: LanguageCode, options: { signal?: AbortSignal } = {}): Promise<QaCheckOutput> {
  const issues = await qaIssues(db, input, options);
  const t = getT(uiLang, "qa");
  return {
    issues: issues.map((i) => ({
      check: i.check,
      severity: i.severity,
      message: issueMessage(t, i),
      start: i.start,
      end: i.end,
      ...(i.sourceStart === undefined ? {} : { sourceStart: i.sourceStart, sourceEnd: i.sourceEnd }),
    })),
  };
}
